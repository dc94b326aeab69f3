"""Indicator tables given as spreadsheets (.csv / .xlsx) for plans whose text is not at hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..blocks import SourceDocument, Table
from ..errors import InputError
from .encoding import decode_text
from .limits import MAX_SHEET_CELLS, check_zip_bomb, sheet_rows


def open_workbook(path: Path, name: str | None = None, refusal: str | None = None) -> Any:
    """A read-only openpyxl workbook, after the zip-bomb check; every failure is one InputError line.
    Read its sheets with :func:`~planwatch.core.readers.limits.sheet_rows`, which bounds the cells.
    ``refusal``: the message for a file that is not a workbook, ``{kind}`` standing for what openpyxl raised
    (the web passes its translated one); by default the file's name and the Chinese message."""
    check_zip_bomb(path, "Excel")
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on corrupt workbooks
        message = refusal or f"{name or path.name}: 不是有效的 Excel (.xlsx) 文件：{{kind}}"
        raise InputError(message.replace("{kind}", type(exc).__name__)) from exc


def read_sheet(path: Path, fmt: str) -> SourceDocument:
    if fmt == "csv":
        text, encoding = decode_text(path.read_bytes(), path.name)
        try:
            rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            raise InputError(f"{path.name}: CSV 格式错误：{exc}") from exc
    else:
        wb = open_workbook(path)
        try:
            rows = [["" if v is None else _cell_text(v) for v in row] for _, row in sheet_rows(wb.worksheets[0], path.name)]
        except InputError:
            raise
        except Exception as exc:  # a corrupt sheet part shows only while its rows are read
            raise InputError(f"{path.name}: Excel 工作表已损坏，无法读取：{type(exc).__name__}") from exc
        finally:
            wb.close()
        encoding = None
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise InputError(f"{path.name}: 表格中没有数据")
    for r in rows:  # trailing empty cells (a stray formatted cell far to the right) would widen every row
        while not r[-1]:
            r.pop()
    width = max(len(r) for r in rows)
    if width * len(rows) > MAX_SHEET_CELLS:
        raise InputError(f"{path.name}: 表格有 {len(rows)} 行 × {width} 列，超过 {MAX_SHEET_CELLS} 个单元格的上限"
                         "（指标表只有几千个），已拒绝")
    table = Table(tuple(tuple(r) + ("",) * (width - len(r)) for r in rows))
    return SourceDocument((table,), fmt, encoding)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
