"""Plain-text plans, including Word tables pasted as text.

When a Word table is copied into a text file each cell starts with a TAB, a blank line separates
rows, and text in a cell after a line break continues without a TAB. 表1-1 and every 专栏 of the
Jinpu plan arrive that way. Two blank lines end a table; a single blank line followed by text
without a TAB is a paragraph break inside the last cell (专栏3-1 has one) — unless it is the table's
note (``注：…``), which ends the table.

A line of three or more ``-``, ``*`` or ``_`` (a rule between the news wrapper, the contents and the
body) is a visible gap, as two blank lines are.

Markdown (a ``.md`` file, or text opening with front matter or holding ATX headings) is first reduced
to the plain lines it shows: the front matter, HTML comments and ``<details>``/``</details>`` tags are
dropped, ``<summary>目录</summary>`` keeps its text (the outline then drops the contents it opens),
``#`` heading marks, ``>`` quote marks, list bullets and ``**`` emphasis are removed, and image lines
``![…](…)`` (the 专栏 and tables published as pictures) are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..blocks import Block, Break, Paragraph, SourceDocument, box_or_table
from ..textnorm import clean_line
from .encoding import decode_text

_HEADING = re.compile(r"^(第[一二三四五六七八九十百〇零\d]+[篇章节節])")
_NOTE = re.compile(r"^(?:注|备注|说明)\s*[:：]")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_FRONT_MATTER = re.compile(r"\A\ufeff?---\n(?:[A-Za-z_][\w-]*:.*\n)+---\n")
# Markdown's own marks, compiled only when a Markdown file is read (see markdown_to_lines)
_COMMENT = r"<!--.*?-->"
_MD_IMAGE_LINE = r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$"
_MD_TAG_LINE = r"(?i)^\s*</?details[^>]*>\s*$"
_MD_SUMMARY = r"(?i)<summary[^>]*>(.*?)</summary>"
_MD_PREFIX = r"^\s{0,3}(?:#{1,6}\s+|>\s?)+|^\s*[-*+]\s+"
_MD_EMPHASIS = r"\*\*|__"


def is_markdown(text: str, name: str = "") -> bool:
    """A Markdown file: by its name, or by front matter or several ``#`` headings in the text."""
    if name.lower().endswith((".md", ".markdown")) or _FRONT_MATTER.match(text.replace("\r\n", "\n")):
        return True
    if "#" not in text:  # no heading to count: most plans (splitting and matching 2,000 lines took milliseconds)
        return False
    return sum(1 for line in text.splitlines()[:2000] if "#" in line and _ATX.match(line)) >= 3


def markdown_to_lines(text: str) -> str:
    """The plain lines a Markdown plan shows (see the module docstring); blank lines are kept."""
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    text = re.sub(_COMMENT, "", text, flags=re.DOTALL)
    tag_line, image_line, summary, prefix, emphasis = map(re.compile, (_MD_TAG_LINE, _MD_IMAGE_LINE, _MD_SUMMARY,
                                                                       _MD_PREFIX, _MD_EMPHASIS))
    out: list[str] = []
    for line in text.split("\n"):
        if tag_line.match(line) or image_line.match(line):
            out.append("")
            continue
        line = summary.sub(lambda m: m.group(1), line)
        if not line.startswith("\t"):  # a TAB opens a pasted Word table cell: leave it as it is
            line = prefix.sub("", line)
        out.append(emphasis.sub("", line))
    return "\n".join(out)


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
        if _RULE.match(line):
            if blocks and not isinstance(blocks[-1], Break):
                blocks.append(Break())
            blank_run = 2
            i += 1
            continue
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
        elif _HEADING.match(stripped) or (blanks and _NOTE.match(stripped)):  # 注：… after a gap is no cell text
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
    if is_markdown(text, path.name):
        text = markdown_to_lines(text)
    return SourceDocument(tuple(split_blocks(text)), "txt", encoding)
