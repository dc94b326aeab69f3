"""HTML plans (as published on government sites): headings, paragraphs, tables in document order."""

from __future__ import annotations

from pathlib import Path

from ..blocks import Block, Paragraph, SourceDocument, box_or_table
from ..errors import InputError
from ..textnorm import clean_line
from .encoding import decode_text

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "pre", "dd", "dt"}
_SKIP_TAGS = {"script", "style", "head", "title", "nav", "noscript", "template"}


def _text(el: object) -> str:
    return clean_line("".join(el.itertext()))  # type: ignore[attr-defined]


def _table_rows(table: object) -> list[list[str]]:
    """Cell texts per row, expanding rowspan so a spanning 类别 cell repeats as an empty continuation."""
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column index -> rows still covered by a rowspan
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
            lines = [clean_line(t) for t in cell.itertext()]
            row.append("\n".join(line for line in lines if line))
            span = int(cell.get("rowspan", "1") or 1)
            if span > 1:
                pending[col] = span - 1
            col += 1
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
            rows = _table_rows(el)
            if rows:
                blocks.append(box_or_table(rows))
            return
        if tag == "br":
            return
        has_block_child = any(isinstance(c.tag, str) and (c.tag in _BLOCK_TAGS or c.tag == "table")
                              for c in el)  # type: ignore[attr-defined]
        if tag in _BLOCK_TAGS and not has_block_child:
            for line in "".join(el.itertext()).split("\n"):  # type: ignore[attr-defined]
                line = clean_line(line)
                if line:
                    blocks.append(Paragraph(line))
            return
        for child in el:  # type: ignore[attr-defined]
            walk(child)

    body = root.find("body")
    walk(body if body is not None else root)
    return SourceDocument(tuple(blocks), "html", encoding)
