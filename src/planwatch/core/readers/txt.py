"""Plain-text plans, including Word tables pasted as text.

When a Word table is copied into a text file each cell starts with a TAB, a blank line separates
rows, and text in a cell after a line break continues without a TAB. 表1-1 and every 专栏 of the
Jinpu plan arrive that way. Two blank lines end a table; a single blank line followed by text
without a TAB is a paragraph break inside the last cell (专栏3-1 has one).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..blocks import Block, Break, Paragraph, SourceDocument, box_or_table
from ..textnorm import clean_line
from .encoding import decode_text

_HEADING = re.compile(r"^(第[一二三四五六七八九十百〇零\d]+[篇章节節])")


def split_blocks(text: str) -> list[Block]:
    """Split decoded text into paragraphs, tab-tables and breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    blank_run = 0
    i = 0
    while i < len(lines):
        raw = lines[i].replace("\ufeff", "")
        if raw.startswith("\t") and clean_line(raw):
            i = _read_tab_table(lines, i, blocks)
            blank_run = 0
            continue
        line = clean_line(raw)
        if not line:
            blank_run += 1
            if blank_run == 2 and blocks and not isinstance(blocks[-1], Break):
                blocks.append(Break())
        else:
            blank_run = 0
            blocks.append(Paragraph(line))
        i += 1
    return blocks


def _read_tab_table(lines: list[str], i: int, blocks: list[Block]) -> int:
    rows: list[list[str]] = [[]]
    blanks = 0
    while i < len(lines):
        raw = lines[i]
        stripped = clean_line(raw)
        if raw.startswith("\t"):
            if blanks and rows[-1]:
                rows.append([])
            rows[-1].append(stripped)
            blanks = 0
        elif not stripped:
            blanks += 1
            if blanks >= 2:
                break
        elif _HEADING.match(stripped):
            break
        else:
            if not rows[-1]:  # text without a TAB cannot open a new row: it continues the last cell
                rows.pop()
            if rows and rows[-1]:
                rows[-1][-1] += "\n" + stripped
            else:
                rows.append([stripped])
            blanks = 0
        i += 1
    rows = [r for r in rows if r]
    if rows:
        blocks.append(box_or_table(rows))
    return i


def read_txt(path: Path) -> SourceDocument:
    text, encoding = decode_text(path.read_bytes(), path.name)
    return SourceDocument(tuple(split_blocks(text)), "txt", encoding)
