"""Lead units for a report from the command line: the platform's assignment template (.xlsx), read without the
database (``planwatch report --assignments 分工.xlsx``).

The file is the one the platform's 牵头单位分工 page downloads and reads (``web/plans/assignments.py``): a sheet
per kind of item — 主要指标, 重点任务, 重大项目, 量化承诺 — with the columns 编号, 名称, 所在章节, 牵头单位,
配合单位（用、分隔）, 完成时限（YYYY-MM-DD）. Indicators are matched by their printed number, the other items by
their name and chapter (编号 is the platform's database id, which a plan file does not have), else by name alone.
Rows that match nothing are refused by name, so that a template of another plan is not used silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError

SHEET_KINDS = {"主要指标": "indicator", "重点任务": "task", "重大项目": "project", "量化承诺": "commitment"}


@dataclass(frozen=True)
class Assignment:
    kind: str  # indicator / task / project / commitment
    key: str  # the printed number (indicators) or the name
    node: str  # 所在章节 (the node id), "" for indicators
    lead: str
    co_units: tuple[str, ...]
    deadline: dt.date | None
    where: str  # “重点任务”第3行, for messages


def parse_deadline(raw: object) -> dt.date | None:
    """完成时限 as a cell gives it: a date, or text such as 2025-12-31, 2025/12/31, 2025.12.31.

    >>> parse_deadline("2025/6/30"), parse_deadline(""), parse_deadline(dt.datetime(2024, 1, 2, 0, 0))
    (datetime.date(2025, 6, 30), None, datetime.date(2024, 1, 2))
    """
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        year, month, day = (int(x) for x in re.split(r"[-/.]", text))
        return dt.date(year, month, day)
    except ValueError as exc:
        raise InputError(f"完成时限“{text[:20]}”不是日期（应为 2025-12-31 这样的格式）") from exc


def read_assignments(path: str | Path) -> list[Assignment]:
    """The filled rows of an assignment template; a file that is not one is refused in one line."""
    from ..core.readers.limits import sheet_rows
    from ..core.readers.sheet import open_workbook
    from ..exports import unsafe_cell

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path.name}: 分工文件不存在")
    wb = open_workbook(path)
    out: list[Assignment] = []
    try:
        if not any(title in wb.sheetnames for title in SHEET_KINDS):
            raise InputError(f"{path.name}: 没有“主要指标”“重点任务”“重大项目”“量化承诺”工作表，请使用平台下载的分工模板")
        for title, kind in SHEET_KINDS.items():
            if title not in wb.sheetnames:
                continue
            for row_no, row in sheet_rows(wb[title], title):
                cells = [("" if c is None else c) for c in (list(row) + [""] * 6)[:6]]
                if row_no == 1 or not any(str(c).strip() for c in cells):
                    continue
                where = f"“{title}”第{row_no}行"
                key = str(cells[0]).strip() if kind == "indicator" else unsafe_cell(str(cells[1]).strip())
                key = key.removesuffix(".0")
                try:
                    deadline = parse_deadline(cells[5])
                except InputError as exc:
                    raise InputError(f"{path.name} {where}：{exc}") from exc
                co = tuple(n for n in (x.strip() for x in re.split(r"[、，,；;\s]+", unsafe_cell(str(cells[4]))))
                           if n)
                out.append(Assignment(kind, key, str(cells[2]).strip(), unsafe_cell(str(cells[3]).strip()), co,
                                      deadline, where))
    finally:
        wb.close()
    return out
