"""Word .docx plans: paragraphs and tables in body order.

A grid table (表1-1) becomes a Table; a boxed one-cell table (专栏) becomes a Box. Tables are read
from their ``w:tc`` elements directly: a horizontally merged cell once, then an empty continuation cell
for each further grid column its ``gridSpan`` covers (so that the columns below a merged header stay in
place), a vertically merged cell (a 类别 cell spanning several rows) as empty continuation cells in the rows
below, found without recursion. The bounds on spans and
cells are in :mod:`planwatch.core.readers.limits`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from ..blocks import Block, Paragraph, SourceDocument, box_or_table
from ..errors import EncryptedInputError, InputError
from ..textnorm import clean_line
from .limits import MAX_GRID_COLUMNS, MAX_TABLE_CELLS, check_zip_bomb

__all__ = ["check_zip_bomb", "read_docx"]  # check_zip_bomb lives in limits; imported from here too


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TR, _TC, _P, _T, _TAB, _BR, _CR = (_W + tag for tag in ("tr", "tc", "p", "t", "tab", "br", "cr"))


def _paragraph_text(p: Any) -> str:
    """A paragraph's text as python-docx gives it (tabs and line breaks kept), read straight from the XML."""
    return "".join(el.text or "" if el.tag == _T else "\t" if el.tag == _TAB else "\n"
                   for el in p.iter(_T, _TAB, _BR, _CR))


def _grid_value(tc: Any, prop: str) -> str | None:
    """``w:tcPr/w:<prop>/@w:val`` ("" when the element is present without a value, None when absent)."""
    pr = tc.find(_W + "tcPr")
    el = pr.find(_W + prop) if pr is not None else None
    return None if el is None else el.get(_W + "val", "")


def _table_rows(tbl: Any, name: str, budget: list[int]) -> list[list[str]]:
    """Cell texts per row of a ``w:tbl`` element. ``budget`` holds the cells still allowed in this document."""
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_TR):
        cells: list[str] = []
        columns = 0
        for tc in tr.iterchildren(_TC):
            span_text = _grid_value(tc, "gridSpan") or "1"
            span = int(span_text) if span_text.isdigit() else 1
            columns += max(span, 1)
            if columns > MAX_GRID_COLUMNS:
                raise InputError(f"{name}: 表格第{len(rows) + 1}行的单元格横跨 {span} 列，超出上限 {MAX_GRID_COLUMNS} 列"
                                 f"（Word 表格最多 63 列），不是有效的 Word 文件，已拒绝")
            budget[0] -= max(span, 1)  # the cells as expanded
            if budget[0] < 0:
                raise InputError(f"{name}: 表格单元格超过 {MAX_TABLE_CELLS} 个，超出上限，已拒绝")
            if _grid_value(tc, "vMerge") in ("", "continue"):  # continues the cell above: its text was read there
                cells.extend([""] * max(span, 1))
                continue
            lines = [clean_line(_paragraph_text(p)) for p in tc.iterchildren(_P)]
            cells.append("\n".join(line for line in lines if line))
            cells.extend([""] * (span - 1))  # the further grid columns a horizontally merged cell covers
        rows.append(cells)
    return rows


def read_docx(path: Path) -> SourceDocument:
    check_zip_bomb(path, "Word")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ParseError, ValueError) as exc:
        raise InputError(f"{path.name}: 不是有效的 Word (.docx) 文件：{type(exc).__name__}") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError on corrupt parts
        if "encrypt" in str(exc).lower():
            raise EncryptedInputError(f"{path.name}: Word 文件已加密，请先解除密码") from exc
        raise InputError(f"{path.name}: Word 文件已损坏，无法读取：{type(exc).__name__}") from exc

    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    blocks: list[Block] = []
    budget = [MAX_TABLE_CELLS]
    try:
        for item in document.iter_inner_content():
            if isinstance(item, DocxParagraph):
                text = clean_line(item.text)
                if text:
                    blocks.append(Paragraph(text))
            elif isinstance(item, DocxTable):
                rows = _table_rows(item._tbl, path.name, budget)
                if rows:
                    blocks.append(box_or_table(rows))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises its own kinds on malformed attributes (gridSpan="x")
        raise InputError(f"{path.name}: Word 文件已损坏，无法读取：{type(exc).__name__}") from exc
    return SourceDocument(tuple(blocks), "docx", None)
