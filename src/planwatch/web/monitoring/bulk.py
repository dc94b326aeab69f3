"""Bulk import of observations from CSV: validated by the core first, then written in one transaction —
PostgreSQL COPY, or batched inserts on SQLite. A process killed half-way leaves no rows behind (the
transaction never commits), so the same command can simply be run again; re-running a finished import
is refused row by row as duplicates, never doubled."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from ...core.errors import PlanwatchError
from ...core.observations import EXPECTED, PARTIAL, ObservationTable, read_observations
from ..accounts.models import Region
from ..limits import column_max
from ..plans.models import Plan, touch_plans
from .models import Flag, Observation, Status

FLAGS = {EXPECTED: Flag.EXPECTED, PARTIAL: Flag.PARTIAL}


def import_observations(plan: Plan, path: Path, status: str = Status.PUBLISHED, simulated: bool = False,
                        batch: int = 5000, progress: Callable[[str], None] | None = None) -> int:
    """Import a CSV (indicator, year, value[, region, source, flag, unit]); returns the number of rows written."""
    from .services import core_indicators, region_subtree

    indicators = list(core_indicators(plan))
    table = read_observations(path, indicators, plan.region.name)  # every row checked before any is written
    regions = {r.name: r.pk for r in Region.objects.filter(name__in=table.regions)}
    missing = [r for r in table.regions if r not in regions]
    if missing:
        raise PlanwatchError(f"数据中的地区不存在：{'、'.join(missing[:10])}（请先在后台添加地区）")
    within = region_subtree(plan.region)[0]  # the plan's regions: its own and those below it, in one query
    outside = [r for r in table.regions if regions[r] not in within]
    if outside:
        raise PlanwatchError(f"数据中的地区不在本规划的范围内：{'、'.join(outside[:10])}"
                             f"（只能导入{plan.region.name}及其下级地区的数据），未导入任何数据")
    longest = max(table.sources, key=len, default="")
    if len(longest) > (limit := column_max(Observation, "source")):
        raise PlanwatchError(f"数据中的来源“{longest[:20]}…”有{len(longest)}个字，来源最多{limit}个字，未导入任何数据")
    ids = dict(plan.indicators.values_list("no", "pk"))
    region_ids = [regions[name] for name in table.regions]
    if progress:
        progress(f"已校验 {len(table)} 行，开始写入")
    return write_table(plan, table, ids, region_ids, status, simulated, timezone.now(), batch)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: str) -> str:
    """Escape a value for PostgreSQL COPY text format."""
    return value.translate(_COPY_ESCAPES)


def write_table(plan: Plan, table: ObservationTable, ids: dict[int, int], region_ids: list[int], status: str,
                simulated: bool, now: Any, batch: int = 5000) -> int:
    """Write a validated table in one transaction (``ids``: indicator number → id; ``region_ids``: the
    table's region positions → ids). Duplicates of stored values refuse the whole table."""
    rows = zip(table.indicator.tolist(), table.region.tolist(), table.year.tolist(), table.value.tolist(),
               table.flag.tolist(), table.source.tolist(), strict=True)
    try:
        return _write(plan, table, ids, region_ids, rows, status, simulated, batch, now)
    except IntegrityError as exc:
        raise PlanwatchError("导入的数据与已有数据重复（同一指标、地区、年份、来源），未导入任何数据") from exc


def _write(plan: Plan, table: Any, ids: dict[int, int], region_ids: list[int], rows: Any, status: str,
           simulated: bool, batch: int, now: Any) -> int:
    with transaction.atomic():
        existing = Observation.objects.filter(indicator__plan=plan).count()
        if connection.vendor == "postgresql":
            columns = ("indicator_id", "region_id", "year", "value", "flag", "period", "source", "simulated",
                       "status", "comment", "version", "updated_at")
            # the raw psycopg cursor bypasses Django's error mapping: restore it (IntegrityError on duplicates)
            with connection.wrap_database_errors, connection.cursor() as cursor, cursor.connection.cursor().copy(
                    f"COPY monitoring_observation ({', '.join(columns)}) FROM STDIN") as copy:
                # COPY's text format, written in chunks: the per-row work is one f-string
                sources = [_copy_text(x) for x in table.sources]
                flags = {code: str(FLAGS.get(code, Flag.FINAL)) for code in (0, 1, 2)}
                tail = f"\t{'t' if simulated else 'f'}\t{_copy_text(status)}\t\t1\t{now.isoformat()}\n"
                chunk: list[str] = []
                for ind, reg, year, value, flag, source in rows:
                    chunk.append(f"{ids[ind]}\t{region_ids[reg]}\t{year}\t{value!r}\t{flags[flag]}\t\t"
                                 f"{sources[source]}{tail}")
                    if len(chunk) >= batch:
                        copy.write("".join(chunk))
                        chunk.clear()
                copy.write("".join(chunk))
        else:
            buffer: list[Observation] = []
            for ind, reg, year, value, flag, source in rows:
                buffer.append(Observation(indicator_id=ids[ind], region_id=region_ids[reg], year=year, value=value,
                                          flag=FLAGS.get(flag, Flag.FINAL), source=table.sources[source],
                                          simulated=simulated, status=status))
                if len(buffer) >= batch:
                    Observation.objects.bulk_create(buffer)
                    buffer.clear()
            Observation.objects.bulk_create(buffer)
        written = Observation.objects.filter(indicator__plan=plan).count() - existing
        touch_plans([plan.pk])  # COPY and bulk_create send no model signals
    return written


# 填报模板: one round's values of one department as an Excel sheet, filled in and uploaded back. The sheet
# holds the round's period for each of the person's indicators, with last year's value, the target and the unit
# beside the cell to fill; hidden columns carry the indicator's id and the version of the value the file was
# made from, and a hidden sheet the round. Uploading checks every cell first, then writes every value through
# services.save_value (the form's rules and history) in one transaction: one bad cell, nothing written.
#
# 一数一报: a figure of a confirmed 指标库 entry already entered for another plan (the master plan's, for a
# special plan's round) is pre-filled, its status naming that plan (已在《…》填报), and its version carried. A changed
# cell on such a row is written to that one observation — under the other plan's indicator, through the same
# save_value (its permission, its round, its pipeline state, the version, a history row) — never as a second
# observation of the same figure: the bureau wants one number per measure, region and period, corrected where it
# is held, with the history in one place. Its 来源 cannot change here (another source would be a second value).
# A row the person may not write there (another lead unit, the other round closed, submitted already) is an
# error of that cell, like any other.
SHEET = "填报"
META = "_轮次"
HEADER = ("指标ID", "版本", "编号", "指标", "单位", "期间", "上年值", "目标值", "本期数值", "来源", "说明", "状态")
FIRST_ROW = 3  # row 1: the title, row 2: the header
VALUE, SOURCE, COMMENT = 9, 10, 11  # the columns to fill (1-based, as Excel counts)


class SheetRefused(PlanwatchError):
    """An uploaded 填报模板 refused as a whole: ``errors`` lists each cell's problem (sheet, cell, reason)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(f"表格中有{len(errors)}处错误，未保存任何数据")


def _round_values(round_: Any) -> dict[int, Observation]:
    """Indicator id → the value of the round the sheet shows and compares with (the latest entered, reported
    not simulated): the indicator's own, else the latest of its confirmed entry entered for another plan's
    indicator (services.round_answers)."""
    from .services import round_answers

    shown = {}
    for pk, found in round_answers(round_).items():
        own = [o for o in found if o.indicator_id == pk]
        shown[pk] = own[-1] if own else found[-1]
    return shown


def _held_elsewhere(obs: Observation | None, ind: Any) -> bool:
    """Whether the round's value of ``ind`` is held under another indicator (another plan's, 一数一报)."""
    return obs is not None and obs.indicator_id != ind.pk


def round_template(user: Any, round_: Any) -> bytes:
    """The .xlsx 填报模板 of ``round_`` for ``user``: the indicators they may report (all for the admin)."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill, Protection

    from ...exports import safe_cell
    from ..accounts.permissions import department_of, reportable
    from .services import last_value, target_paths

    plan = round_.plan
    indicators = list(reportable(user, plan.indicators.order_by("no")))
    values = _round_values(round_)
    paths = target_paths(plan)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    department = department_of(user)
    ws.append([safe_cell(f"《{plan.title}》{round_.name}（{round_.label}）填报模板 · "
                         f"{department.name if department else '全部指标'} · 截止 {round_.open_until():%Y-%m-%d}")])
    ws.append(list(HEADER))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    to_fill = PatternFill("solid", fgColor="FFF8E1")
    for ind in indicators:
        obs = values.get(ind.pk)
        last = last_value(ind, plan.region, round_.year, round_.code)
        target = paths.get(ind.no, {}).get(round_.year) if not round_.code else None  # a path is yearly
        ws.append([ind.pk, obs.version if obs else 0, safe_cell(ind.display_no), safe_cell(ind.name),
                   safe_cell(ind.unit), round_.label, last.value if last else None, target,
                   obs.value if obs else None, safe_cell(obs.source) if obs else "",
                   safe_cell(obs.comment) if obs else "", _status_cell(obs, ind)])
        for column in (VALUE, SOURCE, COMMENT):
            cell = ws.cell(row=ws.max_row, column=column)
            cell.protection = Protection(locked=False)
            cell.fill = to_fill
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].hidden = True
    for column, width in {"D": 36, "F": 16, "I": 12, "J": 24, "K": 30}.items():
        ws.column_dimensions[column].width = width
    ws.protection.sheet = True  # the header, ids and context are locked; the three columns to fill are not
    ws.freeze_panes = f"C{FIRST_ROW}"
    meta = wb.create_sheet(META)
    meta.append(["round", round_.pk])
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _status_cell(obs: Observation | None, ind: Any) -> str:
    from ...exports import safe_cell

    if obs is None:
        return gettext("未填报")
    status = pgettext("status", obs.get_status_display())
    if _held_elsewhere(obs, ind):
        return safe_cell(gettext("已在《%(plan)s》填报（%(status)s），修改即改该数值") % {
            "plan": obs.indicator.plan.title, "status": status})
    return status


def _cell_number(raw: object) -> float | None:
    """A number typed in a cell: a number, or text that the forms accept (thousands commas allowed)."""
    from ..params import as_number

    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    return as_number(raw) if isinstance(raw, str) else None


def _text(raw: object) -> str:
    from ...exports import unsafe_cell

    return "" if raw is None else unsafe_cell(str(raw).strip())


def read_round_sheet(user: Any, round_: Any, data: bytes, name: str = "upload.xlsx") -> list[dict[str, Any]]:
    """The values filled in an uploaded 填报模板, every cell checked (:class:`SheetRefused` lists the cells to fix;
    a file that is not the round's template is refused with one sentence). Unchanged and empty rows are left out."""
    from django.core.exceptions import PermissionDenied
    from openpyxl.utils import get_column_letter

    from ...core.errors import InputError
    from ...core.readers.limits import sheet_rows
    from ..accounts.permissions import reportable
    from ..params import as_int
    from ..responses import uploaded_workbook

    label = Path(name).name or "upload.xlsx"
    wb = uploaded_workbook(data, "，未保存任何数据")
    try:
        if SHEET not in wb.sheetnames or META not in wb.sheetnames:
            raise InputError(f"{label}: 不是本平台的填报模板（缺少“{SHEET}”工作表），请先下载模板再填写")
        marks = {str(k): v for k, v, *_ in (tuple(r) + (None, None) for _, r in sheet_rows(wb[META], META))}
        if as_int(str(marks.get("round", "")).split(".")[0]) != round_.pk:
            raise InputError(f"{label}: 这是另一个填报轮次的模板，请下载“{round_.name}”的模板再填写")
        rows = list(sheet_rows(wb[SHEET], SHEET))
    finally:
        wb.close()
    allowed = {i.pk: i for i in reportable(user, round_.plan.indicators.all())}
    others = dict(round_.plan.indicators.exclude(pk__in=list(allowed)).values_list("pk", "lead__name"))
    values = _round_values(round_)
    errors: list[str] = []
    out: list[dict[str, Any]] = []
    for row_no, row in rows:
        if row_no < FIRST_ROW:
            continue
        cells = (list(row) + [None] * len(HEADER))[:len(HEADER)]
        raw_value = cells[VALUE - 1]
        if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
            continue  # nothing typed: not reported yet
        where = f"工作表“{SHEET}”{get_column_letter(VALUE)}{row_no}"
        key = as_int(str(cells[0]).split(".")[0]) or 0
        if key in others:  # another department's indicator: a refusal of the person, not an error of the cell
            raise PermissionDenied(f"工作表“{SHEET}”第{row_no}行的指标由{others[key] or '未指定的单位'}牵头，"
                                   "您不能填报，未保存任何数据")
        ind = allowed.get(key)
        if ind is None:
            errors.append(f"工作表“{SHEET}”第{row_no}行：指标ID“{str(cells[0])[:20]}”不是您可以填报的指标，请使用下载的模板")
            continue
        value = _cell_number(raw_value)
        if value is None:
            errors.append(f"{where}：“{str(raw_value)[:30]}”不是数字（{ind.name}）")
            continue
        source, comment = _text(cells[SOURCE - 1]), _text(cells[COMMENT - 1])
        version = as_int(str(cells[1]).split(".")[0]) or 0
        stored = values.get(ind.pk)
        if stored is not None and stored.source == source and stored.value == value and stored.comment == comment:
            continue  # as downloaded: nothing to save
        if _held_elsewhere(stored, ind):  # one figure, one observation: written where it is held
            assert stored is not None
            if source != stored.source:
                errors.append(gettext("%(cell)s：本期数值已在《%(plan)s》填报（来源“%(source)s”），同一数据只填报一次，"
                                      "来源请保持“%(source)s”或到该规划修改（%(name)s）") % {
                    "cell": where, "plan": stored.indicator.plan.title, "source": stored.source, "name": ind.name})
                continue
            out.append({"indicator": stored.indicator, "value": value, "source": source, "comment": comment,
                        "version": version, "cell": where})
            continue
        out.append({"indicator": ind, "value": value, "source": source, "comment": comment, "version": version,
                    "cell": where})
    if errors:
        raise SheetRefused(errors)
    return out


def apply_round_sheet(user: Any, round_: Any, data: bytes, name: str = "upload.xlsx") -> int:
    """Check and save an uploaded 填报模板, all or nothing; returns how many values were saved."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .services import check_round_open, save_value

    check_round_open(user, round_.plan, round_.year, round_.code)
    rows = read_round_sheet(user, round_, data, name)
    errors: list[str] = []
    with transaction.atomic():
        for row in rows:
            try:  # save_value is atomic itself: a refused cell rolls back its own savepoint only
                save_value(user, row["indicator"], round_.plan.region, round_.year, row["value"], row["comment"],
                           row["version"], row["source"], round_.code)
            except ValidationError as exc:
                errors.append(f"{row['cell']}：{' '.join(exc.messages)}")
            except PermissionDenied as exc:  # only a value held under another plan's indicator gets here
                if row["indicator"].plan_id == round_.plan_id:
                    raise
                errors.append(gettext("%(cell)s：本期数值已在《%(plan)s》填报，%(reason)s") % {
                    "cell": row["cell"], "plan": row["indicator"].plan.title, "reason": exc})
        if errors:
            raise SheetRefused(errors)  # rolls back every value saved above
    return len(rows)
