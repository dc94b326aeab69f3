"""Tabular outputs people open in Excel or read in a terminal: the 年度目标分解表 and evaluation tables.

Every .csv/.xlsx writer of the project passes its cells through :func:`safe_cell`: text whose first character
after any leading blanks (spaces, tabs, CR, LF, the full-width space) is = + - @ or a full-width ＝ ＋ － ＠ gets
an apostrophe in front, so that a spreadsheet never executes text from a plan or a data file as a formula.
Numbers written as text (``-5``, ``+3.2``) are left alone.

Every one-sheet table the project exports (the web pages' 导出Excel, the 分解表) is laid out by :func:`table_sheet`:
an optional first row naming what the table is (plan, region, year, 含模拟数据), the bold heading row, then the
rows — text through :func:`safe_cell`, numbers as numbers; a :class:`Figure` is a number with the thousands-separator
format and its indicator's decimals (counts whole), an empty cell when there is no value (“未报送” is never 0).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .core.decompose import DecompositionRow
from .core.errors import PlanwatchError
from .core.evaluation import Evaluation, evaluation_mode
from .core.explain import fmt
from .core.kinds import KINDS
from .core.targets import format_number

FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_BLANKS = " \t\r\n\u3000"


def safe_cell(value: object) -> object:
    r"""The cell as written to a spreadsheet: formula-like text with an apostrophe in front, anything else as is.

    >>> safe_cell("\t=1+1"), safe_cell("＝A1"), safe_cell("-5"), safe_cell("统计局")
    ("'\t=1+1", "'＝A1", '-5', '统计局')
    """
    if isinstance(value, str) and value.lstrip(_BLANKS).startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


@dataclass(frozen=True)
class Figure:
    """A number as a table shows it: ``decimals`` places (0 for counts), thousands separators; None = no value."""

    value: float | None
    decimals: int = 2
    percent: bool = False  # a ratio (0.8388) shown as 83.88%

    @property
    def number_format(self) -> str:
        """The Excel number format: thousands separators and the decimals, or a percentage.

        >>> Figure(1234.5).number_format, Figure(12, 0).number_format, Figure(0.8, percent=True).number_format
        ('#,##0.00', '#,##0', '0.00%')
        """
        places = "." + "0" * self.decimals if self.decimals > 0 else ""
        return f"0{places}%" if self.percent else f"#,##0{places}"


def table_sheet(title: str, header: Sequence[str], rows: Sequence[Sequence[object]],
                caption: str | None = None) -> Any:
    """A workbook with one sheet named ``title`` (at most 31 characters, as Excel allows): ``caption`` in the
    first row when given, the bold ``header``, the rows; the panes frozen below the header."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    if caption:
        ws.append([safe_cell(caption)])
        ws["A1"].font = Font(bold=True, size=14)
    ws.append([safe_cell(c) for c in header])
    head = ws.max_row
    for cell in ws[head]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for number, row in enumerate(rows, start=head + 1):  # the row appended; ws.max_row and ws[n] scan every cell
        ws.append([c.value if isinstance(c, Figure) else safe_cell(c) for c in row])
        for column, given in enumerate(row, start=1):
            if isinstance(given, Figure) and given.value is not None:
                ws.cell(row=number, column=column).number_format = given.number_format
    ws.freeze_panes = ws.cell(row=head + 1, column=1).coordinate
    return wb


def table_xlsx(title: str, header: Sequence[str], rows: Sequence[Sequence[object]],
               caption: str | None = None) -> bytes:
    """:func:`table_sheet` as the bytes of an .xlsx file."""
    out = io.BytesIO()
    table_sheet(title, header, rows, caption).save(out)
    return out.getvalue()


def unsafe_cell(text: str) -> str:
    """Undo :func:`safe_cell` on text read back from a file the project wrote (the assignment template)."""
    return text[1:] if text.startswith("'") and safe_cell(text[1:]) == text else text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _decomposition_grid(rows: Sequence[DecompositionRow]) -> list[list[object]]:
    years = sorted({y for r in rows for y in r.values})
    grid: list[list[object]] = [["序号", "指标名称", "单位", "属性", "类型", "分解方法", "基期值",
                                 *[f"{y}年" for y in years], "说明"]]
    for r in rows:
        grid.append([r.no, r.name, r.unit, r.attribute, KINDS[r.kind].label, r.method, r.baseline,
                     *[r.values.get(y) for y in years], r.note])
    return grid


def _atomic(path: Path, write: object) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise PlanwatchError(f"{path}: 输出目录不存在")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))  # type: ignore[operator]
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_decomposition(rows: Sequence[DecompositionRow], output: str, title: str | None = None) -> None:
    path = Path(output)
    grid = _decomposition_grid(rows)
    if path.suffix.lower() == ".csv":
        def write_csv(tmp: Path) -> None:
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel on Windows opens it right
                csv.writer(fh).writerows([[safe_cell(c) for c in row] for row in grid])
        _atomic(path, write_csv)
    elif path.suffix.lower() == ".xlsx":
        def write_xlsx(tmp: Path) -> None:
            wb = table_sheet("年度目标分解表", [str(c) for c in grid[0]], grid[1:],
                             caption=f"{title or '规划'}主要指标年度目标分解表")
            ws = wb.active
            ws.column_dimensions["B"].width = 36
            ws.freeze_panes = "C3"
            wb.save(tmp)
        _atomic(path, write_xlsx)
    else:
        raise PlanwatchError(f"{output}: 输出文件应为 .xlsx 或 .csv")


def _n(x: float | None, unit: str = "") -> str:
    return "—" if x is None else f"{format_number(round(x, 2))}{unit}"


def evaluation_table(results: Sequence[Evaluation], as_of: int, base_year: int, end_year: int) -> str:
    kind = evaluation_mode(as_of, base_year, end_year)
    lines = []
    by_region: dict[str, list[Evaluation]] = {}  # one pass: a scan of every result per region took minutes
    for e in results:
        by_region.setdefault(e.region, []).append(e)
    for region, items in by_region.items():
        counts: dict[str, int] = {}
        for e in items:
            counts[e.label] = counts.get(e.label, 0) + 1
        lines.append(f"{region} {as_of}年{kind}：" + "，".join(f"{k}{v}项" for k, v in counts.items()))
        lines.append("序号  指标名称  属性  状态  目标/应达  实际（年份）  进度  所需年均  预测末年值")
        for e in items:  # fmt writes what _n does (test_evaluate_fast_paths), twice as fast
            unit = KINDS[e.kind].result_unit or e.unit
            lines.append(f"{e.no:>3}  {e.name}  {'约束性' if e.binding else '预期性'}  {e.label}  "
                         f"{'—' if e.expected is None else fmt(e.expected, unit)}  {e.actual_text}  {e.progress}  "
                         f"{'—' if e.required_rate is None else fmt(e.required_rate)}  "
                         f"{'—' if e.projection is None else fmt(e.projection)}")
        lines.append("")
    return "\n".join(lines)
