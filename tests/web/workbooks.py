"""Reading a page's 导出Excel in the web tests: the response opened with openpyxl, as a person's Excel opens it."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def opened(response: Any) -> Any:
    """The workbook's sheet; the answer must be an .xlsx download."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX and response["Content-Disposition"].startswith("attachment")
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def column_formats(ws: Any, column: int, first: int = 3) -> list[str]:
    """The number formats of a column's filled cells from row ``first`` on (1-based; after caption and header)."""
    return [c.number_format for (c,) in ws.iter_rows(min_row=first, min_col=column, max_col=column)
            if c.value is not None]
