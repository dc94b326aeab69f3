"""Tabular outputs people open in Excel or read in a terminal: the 年度目标分解表 and evaluation tables.

Every .csv/.xlsx writer of the project passes its cells through :func:`safe_cell`: text whose first character
after any leading blanks (spaces, tabs, CR, LF, the full-width space) is = + - @ or a full-width ＝ ＋ － ＠ gets
an apostrophe in front, so that a spreadsheet never executes text from a plan or a data file as a formula.
Numbers written as text (``-5``, ``+3.2``) are left alone.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .core.decompose import DecompositionRow
from .core.errors import PlanwatchError
from .core.evaluation import Evaluation, evaluation_mode
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
            import openpyxl
            from openpyxl.styles import Alignment, Font

            wb = openpyxl.Workbook()
            ws = wb.active
            assert ws is not None
            ws.title = "年度目标分解表"
            ws.append([f"{title or '规划'}主要指标年度目标分解表"])
            ws["A1"].font = Font(bold=True, size=14)
            for row in grid:
                ws.append([safe_cell(c) for c in row])
            for cell in ws[2]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center")
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
        for e in items:
            unit = KINDS[e.kind].result_unit or e.unit
            lines.append(f"{e.no:>3}  {e.name}  {'约束性' if e.binding else '预期性'}  {e.label}  {_n(e.expected, unit)}  "
                         f"{e.actual_text}  {e.progress}  {_n(e.required_rate)}  {_n(e.projection)}")
        lines.append("")
    return "\n".join(lines)
