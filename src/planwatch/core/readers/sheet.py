"""Indicator tables given as spreadsheets (.csv / .xlsx) for plans whose text is not at hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..blocks import SourceDocument, Table
from ..errors import InputError
from .docx import check_zip_bomb
from .encoding import decode_text


def read_sheet(path: Path, fmt: str) -> SourceDocument:
    if fmt == "csv":
        text, encoding = decode_text(path.read_bytes(), path.name)
        try:
            rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            raise InputError(f"{path.name}: CSV 格式错误：{exc}") from exc
    else:
        check_zip_bomb(path, "Excel")
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on corrupt workbooks
            raise InputError(f"{path.name}: 不是有效的 Excel (.xlsx) 文件：{type(exc).__name__}") from exc
        ws = wb.worksheets[0]
        rows = [["" if v is None else _cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        encoding = None
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise InputError(f"{path.name}: 表格中没有数据")
    width = max(len(r) for r in rows)
    table = Table(tuple(tuple(r) + ("",) * (width - len(r)) for r in rows))
    return SourceDocument((table,), fmt, encoding)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
