"""台账 as Excel: the export of a ledger page's rows (what the page shows, with its filters, every page of it)
and the import of the 重大项目台账's project-office columns.

Export: one row per item, in the page's order; numbers as numbers with their unit in the heading (进度（%），
总投资（亿元）) and a thousands-separator format; text through ``exports.safe_cell``.

Import (重大项目 only): the exported file, filled in. Rows are found by 编号 and columns by their heading, so
columns may be moved or left out; only the project-office columns (models.PROJECT_COLUMNS) are read. Every
cell is checked before anything is written: one bad cell means nothing is written and the person gets every
bad cell named (“重大项目”第3行“总投资（亿元）”：…). Accepted rows go through ``services.update_project``, the
form's own path, with its history row.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from ...core.errors import InputError
from ...core.ledger import LIGHT_LABELS
from ...exports import Figure, table_sheet, unsafe_cell
from ..plans.models import Plan, Project
from ..responses import uploaded_workbook
from . import services
from .models import KINDS, PROJECT_COLUMNS

SHEET = "重大项目"
KEY = "编号"


def _heading(name: str) -> str:
    title, unit = PROJECT_COLUMNS[name]
    return f"{title}（{unit}）" if unit else title


def export(kind: str, rows: Sequence[tuple[Any, str]]) -> bytes:
    """The ledger's rows (item, light) as an .xlsx: the columns of the page, and for projects the
    project-office columns, which :func:`read_projects` reads back."""
    book = KINDS[kind]
    header = [KEY, "灯号", book.heading, "位置", "牵头单位", "时限", "进度（%）", "进展说明"]
    extra = list(PROJECT_COLUMNS) if kind == "projects" else []
    if kind == "commitments":
        header.append("状态取自指标")
    lines: list[list[object]] = []
    for item, light in rows:
        details = getattr(item, "details", None) if kind == "projects" else None
        line: list[object] = [item.pk, LIGHT_LABELS[light], str(item), services.place_of(item),
                              item.lead_name or "未指定", item.due or "规划期末", item.progress, item.progress_note]
        if kind == "commitments":
            indicator = services.linked_indicator(item)
            line.append(indicator.name if indicator is not None else "")
        for name in extra:  # amounts in 亿元 with separators; dates as date cells (yyyy-mm-dd); text as text
            value = getattr(details, name) if details is not None else None
            line.append(Figure(float(value), 2) if hasattr(value, "normalize") else value)
        lines.append(line)
    wb = table_sheet(SHEET if kind == "projects" else book.title, header + [_heading(name) for name in extra], lines)
    ws = wb.active
    ws.column_dimensions["C"].width = 48
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _workbook(data: bytes) -> Any:
    return uploaded_workbook(data)


def read_projects(user: Any, plan: Plan, data: bytes) -> tuple[list[tuple[Project, dict[str, Any]]], list[str]]:
    """The checked changes of a filled 重大项目台账 and the errors, one per bad cell (empty when all is well).
    PermissionDenied when a row names a project the user may not change."""
    from ...core.readers.limits import sheet_rows
    from ..accounts.permissions import can_report
    from ..params import as_int

    wb = _workbook(data)
    try:
        if SHEET not in wb.sheetnames:
            raise InputError(gettext("表格中没有“%(sheet)s”工作表，请使用导出的重大项目台账") % {"sheet": SHEET})
        by_heading = {_heading(name): name for name in PROJECT_COLUMNS}
        projects = {p.pk: p for p in Project.objects.filter(plan=plan).select_related("lead", "plan")}
        columns: dict[int, str] = {}
        key_col: int | None = None
        changes: list[tuple[Project, dict[str, Any]]] = []
        errors: list[str] = []
        refused: list[str] = []
        for row_no, row in sheet_rows(wb[SHEET], SHEET):
            cells = list(row)
            if row_no == 1:
                heads = [unsafe_cell(str(c).strip()) if c is not None else "" for c in cells]
                key_col = heads.index(KEY) if KEY in heads else None
                columns = {i: by_heading[h] for i, h in enumerate(heads) if h in by_heading}
                if key_col is None or not columns:
                    raise InputError(gettext("第1行应为表头：需要“编号”列和至少一列项目信息（如“总投资（亿元）”）"))
                continue
            if not any(str(c).strip() for c in cells if c is not None):
                continue
            where = gettext("“%(sheet)s”第%(row)s行") % {"sheet": SHEET, "row": row_no}
            assert key_col is not None
            raw_key = cells[key_col] if key_col < len(cells) else None
            key = as_int(int(raw_key) if isinstance(raw_key, float) and raw_key.is_integer() else raw_key)
            project = projects.get(key) if key is not None else None
            if project is None:
                errors.append(gettext("%(where)s：编号“%(key)s”不是本规划的重大项目") % {
                    "where": where, "key": str(raw_key or "")[:30]})
                continue
            if not can_report(user, project):
                refused.append(gettext("%(where)s：只有牵头单位（%(lead)s）或发改局管理员可以修改该项目") % {
                    "where": where, "lead": project.lead or gettext("未指定")})
                continue
            raw = {name: (unsafe_cell(c) if isinstance(c := cells[i] if i < len(cells) else None, str) else c)
                   for i, name in columns.items()}
            values, bad = services.project_values(raw)
            errors += [gettext("%(where)s“%(column)s”：%(error)s") % {
                "where": where, "column": _heading(name), "error": message} for name, message in bad.items()]
            changes.append((project, values))
    finally:
        wb.close()
    if refused:  # who first: a file with another unit's projects is refused as a whole (403)
        raise PermissionDenied(gettext("未导入：") + "；".join(refused[:20]))
    return changes, errors


def import_projects(user: Any, plan: Plan, data: bytes) -> int:
    """Import a filled 重大项目台账: all rows or none. Returns how many projects changed; raises InputError
    with every bad cell when one is wrong."""
    changes, errors = read_projects(user, plan, data)
    if errors:
        shown = errors[:50] + ([gettext("……另有%(n)s处错误") % {"n": len(errors) - 50}] if len(errors) > 50 else [])
        raise InputError(gettext("未导入，请改正以下单元格后重新上传：") + "；".join(shown))
    with transaction.atomic():
        return sum(1 for project, values in changes if services.update_project(user, project, values))

