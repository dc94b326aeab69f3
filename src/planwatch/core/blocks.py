"""What every reader produces: a flat, ordered stream of immutable blocks.

Readers know file formats; the structure parser knows plan grammar. Between them sits this
small vocabulary, so the same plan in .txt, .docx, .pdf or .html becomes the same stream.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text (or a heading line; headings are recognised later)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A grid table such as 表1-1: rows of cell texts (a cell may hold several lines)."""

    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Box:
    """A boxed one-cell table — how plans typeset a 专栏 — as its paragraphs in order."""

    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Break:
    """A visible gap (several blank lines): ends an unboxed 专栏 in plain text."""


Block = Paragraph | Table | Box | Break


@dataclass(frozen=True)
class SourceDocument:
    """A file as read: its blocks plus what the reader found out about it."""

    blocks: tuple[Block, ...]
    format: str  # "txt" | "docx" | "pdf" | "html" | "csv" | "xlsx"
    encoding: str | None = None


def box_or_table(rows: list[list[str]]) -> Table | Box:
    """A table whose every row has a single non-empty cell is a box (专栏); anything else a grid."""
    if rows and all(sum(1 for c in row if c.strip()) <= 1 for row in rows):
        paragraphs: list[str] = []
        for row in rows:
            for cell in row:
                paragraphs.extend(line.strip() for line in cell.split("\n") if line.strip())
        return Box(tuple(paragraphs))
    width = max(len(r) for r in rows) if rows else 0
    return Table(tuple(tuple(r) + ("",) * (width - len(r)) for r in rows))
