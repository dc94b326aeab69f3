"""HTML plans (as published on government sites): headings, paragraphs, tables in document order.

Text is read as a browser shows it: a line break in the source is a space (LibreOffice's "save as
HTML" wraps long lines at a space, inside a heading too), runs of ``<font>``/``<span>``/``<b>`` join
into one line (``专栏</font><font>2-1``), and only ``<br>`` and block elements (a ``<p>`` inside a
table cell) start a new line. ``<pre>`` keeps its lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..blocks import Block, Paragraph, SourceDocument, box_or_table
from ..errors import InputError
from ..textnorm import clean_line
from .encoding import decode_text
from .limits import MAX_GRID_COLUMNS, MAX_TABLE_CELLS

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "pre", "dd", "dt"}
_SKIP_TAGS = {"script", "style", "head", "title", "nav", "noscript", "template"}


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _lines(el: object, keep_breaks: bool = False) -> list[str]:
    """The element's text as the lines a browser shows (see the module docstring), without empty lines."""
    parts: list[str] = []

    def source(text: str | None) -> None:
        if text:
            parts.append(text if keep_breaks else _SOURCE_BREAK.sub(" ", text))

    def visit(node: object, top: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""  # type: ignore[attr-defined]
        if tag in _SKIP_TAGS:
            source(None if top else node.tail)  # type: ignore[attr-defined]
            return
        block = not top and (tag in _BLOCK_TAGS or tag in ("tr", "table"))
        if tag == "br" or block:
            parts.append("\n")
        if tag != "br" and isinstance(node.tag, str):  # type: ignore[attr-defined]
            source(node.text)  # type: ignore[attr-defined]
            for child in node:  # type: ignore[attr-defined]
                visit(child, False)
        if block:
            parts.append("\n")
        if not top:
            source(node.tail)  # type: ignore[attr-defined]

    visit(el, True)
    return [line for line in (clean_line(t) for t in "".join(parts).split("\n")) if line]


def _span(cell: object, name: str) -> int:
    """``rowspan``/``colspan`` as a browser reads it: digits, else 1."""
    text = (cell.get(name) or "").strip()  # type: ignore[attr-defined]
    return max(int(text), 1) if text.isdigit() and len(text) < 7 else 1


def _table_rows(table: object, name: str = "") -> list[list[str]]:
    """Cell texts per row, expanding rowspan and colspan so a spanning cell (a 类别 over several rows, a 指标 header
    over two columns) is read once and the places it covers are empty continuation cells. Columns are bounded
    by MAX_GRID_COLUMNS, the cells of the table by MAX_TABLE_CELLS."""
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column index -> rows still covered by a rowspan
    cells_left = MAX_TABLE_CELLS
    for tr in table.iter("tr"):  # type: ignore[attr-defined]
        row: list[str] = []
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while pending.get(col, 0) > 0:
                pending[col] -= 1
                row.append("")
                col += 1
            row.append("\n".join(_lines(cell)))
            down, across = _span(cell, "rowspan"), min(_span(cell, "colspan"), max(MAX_GRID_COLUMNS - col, 1))
            cells_left -= across
            if cells_left < 0:
                raise InputError(f"{name}: 表格单元格超过 {MAX_TABLE_CELLS} 个，超出上限，已拒绝")
            row.extend([""] * (across - 1))
            for c in range(col, col + across):
                if down > 1:
                    pending[c] = down - 1
            col += across
        while pending.get(col, 0) > 0:
            pending[col] -= 1
            row.append("")
            col += 1
        rows.append(row)
    return rows


def read_html(path: Path) -> SourceDocument:
    import lxml.html
    from lxml.etree import ParserError

    text, encoding = decode_text(path.read_bytes(), path.name)
    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise InputError(f"{path.name}: 无法解析 HTML：{exc}") from exc
    blocks: list[Block] = []

    def walk(el: object) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
        if tag in _SKIP_TAGS:
            return
        if tag == "table":
            rows = _table_rows(el, path.name)
            if rows:
                blocks.append(box_or_table(rows))
            return
        if tag == "br":
            return
        has_block_child = any(isinstance(c.tag, str) and (c.tag in _BLOCK_TAGS or c.tag == "table")
                              for c in el)  # type: ignore[attr-defined]
        if tag in _BLOCK_TAGS and not has_block_child:
            blocks.extend(Paragraph(line) for line in _lines(el, keep_breaks=tag == "pre"))
            return
        for child in el:  # type: ignore[attr-defined]
            walk(child)

    body = root.find("body")
    walk(body if body is not None else root)
    return SourceDocument(tuple(blocks), "html", encoding)
