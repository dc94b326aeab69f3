"""Bulk assignment of 牵头单位 / 配合单位 / 完成时限 by Excel: download a template, fill it, upload it.

Every row is checked before anything is written; one bad row means nothing is written and the person
gets the list of rows to fix (sheet, row, what is wrong).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from ...exports import safe_cell, unsafe_cell
from ...reports.assignments import SHEET_KINDS
from ..accounts.models import Department
from .models import Commitment, Indicator, Plan, Project, Task

# the template's sheets, named once (reports.assignments reads the same template on the command line)
SHEETS = {title: {"indicator": Indicator, "task": Task, "project": Project, "commitment": Commitment}[kind]
          for title, kind in SHEET_KINDS.items()}
NAME_FIELD = {Indicator: "name", Task: "title", Project: "name", Commitment: "quantity"}  # the name column
HEADER = ["编号", "名称", "所在章节", "牵头单位", "配合单位（用、分隔）", "完成时限（YYYY-MM-DD）"]


def template(plan: Plan) -> bytes:
    """An .xlsx with one sheet per kind of item, current assignments filled in, departments listed."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    departments = list(Department.objects.values_list("name", flat=True))
    for title, model in SHEETS.items():
        ws = wb.create_sheet(title)
        ws.append(HEADER)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        related = ("lead",) if model is Indicator else ("lead", "node")  # indicators sit in 表1-1, not a node
        rows = model.objects.filter(plan=plan).select_related(*related).prefetch_related("co_units")
        for item in rows.order_by("no" if model is Indicator else "id"):
            key = _printed(item.display_no) if model is Indicator else item.pk  # the number the plan prints: 10.1
            name = getattr(item, NAME_FIELD[model])
            where = "" if model is Indicator else item.node.node_id
            ws.append([key, *(safe_cell(text) for text in (name, where, item.lead_name or "",
                                                            "、".join(item.co_unit_names))),
                       item.deadline.isoformat() if item.deadline else ""])
        ws.column_dimensions["B"].width = 48
        ws.column_dimensions["D"].width = 22
        ws.column_dimensions["E"].width = 30
        if departments:
            rule = DataValidation(type="list", formula1=f"=部门!$A$1:$A${len(departments)}", allow_blank=True)
            ws.add_data_validation(rule)
            rule.add(f"D2:D{max(ws.max_row, 2) + 200}")
    sheet = wb.create_sheet("部门")
    for name in departments:
        sheet.append([safe_cell(name)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _printed(label: str) -> int | str:
    """An indicator's printed number as a cell: a whole number stays a number (3), a sub-row is text (10.1)."""
    return int(label) if label.isascii() and label.isdigit() else label


@dataclass
class Assignment:
    model: type
    key: int
    lead: Department | None
    co_units: list[Department] = field(default_factory=list)
    deadline: dt.date | None = None


def read(plan: Plan, data: bytes) -> tuple[list[Assignment], list[str]]:
    """Parse and check a filled template. Returns the assignments and the errors (empty when all is well)."""
    from ...core.readers.limits import sheet_rows
    from ..params import as_int
    from ..responses import uploaded_workbook

    wb = uploaded_workbook(data)
    departments = {d.name: d for d in Department.objects.all()}
    changes: list[Assignment] = []
    errors: list[str] = []
    found = False
    for title, model in SHEETS.items():
        if title not in wb.sheetnames:
            continue
        found = True
        keys = set(model.objects.filter(plan=plan).values_list("no" if model is Indicator else "id", flat=True))
        printed = {str(i.display_no): i.no for i in plan.indicators.all()} if model is Indicator else {}
        for row_no, row in sheet_rows(wb[title], title):  # bounded: the declared dimension may lie
            if row_no == 1:
                continue  # the header
            cells = [("" if c is None else c) for c in (list(row) + [""] * 6)[:6]]
            if not any(str(c).strip() for c in cells):
                continue
            where = gettext("“%(sheet)s”第%(row)s行") % {"sheet": title, "row": row_no}
            key = cells[0]
            if model is Indicator and str(key).strip() in printed:  # a printed sub-row number such as 10.1
                key = printed[str(key).strip()]
            # the one bounded parser (ASCII digits within the range of an id: "²".isdigit() is True)
            key = as_int(int(key) if isinstance(key, float) and key.is_integer() else key)
            if key is None or key < 1:
                errors.append(gettext("%(where)s：编号“%(key)s”不是数字") % {"where": where, "key": str(cells[0])[:30]})
                continue
            if key not in keys:
                errors.append(gettext("%(where)s：编号%(key)s在本规划中不存在") % {"where": where, "key": key})
                continue
            lead_name = unsafe_cell(str(cells[3]).strip())  # as the template wrote it (see safe_cell)
            lead = departments.get(lead_name) if lead_name else None
            if lead_name and lead is None:
                errors.append(gettext("%(where)s：牵头单位“%(name)s”不在部门名单中") % {"where": where, "name": lead_name})
            co: list[Department] = []
            for name in filter(None, (n.strip() for n in re.split(r"[、，,；;\s]+", unsafe_cell(str(cells[4]))))):
                if name not in departments:
                    errors.append(gettext("%(where)s：配合单位“%(name)s”不在部门名单中") % {"where": where, "name": name})
                elif name != lead_name:
                    co.append(departments[name])
            deadline = None
            raw = cells[5]
            if isinstance(raw, dt.datetime):
                deadline = raw.date()
            elif isinstance(raw, dt.date):
                deadline = raw
            elif str(raw).strip():
                try:
                    deadline = dt.date.fromisoformat(str(raw).strip().replace("/", "-").replace(".", "-"))
                except ValueError:
                    errors.append(gettext("%(where)s：完成时限“%(raw)s”不是日期（应为 2025-12-31 这样的格式）") % {
                        "where": where, "raw": raw})
            changes.append(Assignment(model, key, lead, co, deadline))
    wb.close()
    if not found:
        errors.append(gettext("表格中没有“主要指标”“重点任务”“重大项目”工作表，请使用下载的模板"))
    return changes, errors


@transaction.atomic
def apply(plan: Plan, changes: list[Assignment]) -> int:
    """Write all assignments at once (the caller has checked them with :func:`read`)."""
    for change in changes:
        lookup: dict[str, Any] = {"plan": plan, "no" if change.model is Indicator else "pk": change.key}
        item = change.model.objects.select_for_update().get(**lookup)
        item.lead = change.lead
        item.deadline = change.deadline
        item.save(update_fields=["lead", "deadline"])
        item.co_units.set(change.co_units)
    return len(changes)
