"""Page layout arithmetic shared by the writers: table column widths fitted to their content, and a title's
lines balanced so that none holds one character alone.

Widths are estimated from the characters (a CJK character is one em; Latin letters, digits and ASCII punctuation
about half an em, counted a little wide to be safe), not measured in a font: the .docx names office fonts that
the converting machine may substitute.

Rules:
- A number never breaks: a run of digits with its decimal point, sign, unit sign and brackets (``6.86（2025）``,
  ``[13.5]``, ``≥81.72``) is one unbreakable token, and a column is never narrower than its widest token.
- A cell of a few characters (约束性, 经济发展, 3500左右, 已完成) is not broken either.
- Each column gets its minimum first; the rest of the line is shared out towards each column's full (one-line)
  width, so short columns stay on one line and the long text columns (indicator names) wrap.

>>> widths = fit_widths(("序号", "指标", "实际值"), [("1", "地区生产总值增长（%）", "6.86（2025）")], 200, 10.5)
>>> [round(w) for w in widths], round(sum(widths))
([28, 99, 73], 200)
>>> balanced_title("一二三四五六七八九十一二三四五六七八九十一", 20)
11
>>> balanced_title("一二三四五", 20)
5
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence

Measure = Callable[[str], float]  # a text's width in em
CELL_MARGIN = 2.85  # pt: the left and the right margin inside a cell (0.1 cm; the writers set it)
CELL_PADDING = 2 * CELL_MARGIN + 1.5  # pt: both margins and the ruling line
ROOMY = 6.0  # em: what a text column gets before the rest is shared out, when the line has room
SHORT = 4.5  # em: a cell this short is one word (约束性, 经济发展, 3500左右) and is not broken either
HALF = 0.56  # the width of a Latin letter or digit, in em (a little wider than Times' 0.5)
# A number with what sticks to it: brackets, signs, decimal point, unit signs; no line break inside.
TOKEN = re.compile(r"[（(〔\[［【]?[≥≤＞＜><~～+\-−]?[0-9A-Za-z][0-9A-Za-z.,:/%％‰+\-−·]*[）)〕\]］】%％]*")


def text_width(text: str) -> float:
    """The width of ``text`` in em."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else HALF for ch in text)


def min_width(text: str, measure: Measure = text_width) -> float:
    """The narrowest the text can be set without breaking a number (or a CJK character, or a short cell): in em."""
    if measure(text) <= SHORT:
        return measure(text)
    widest = max((measure(m.group()) for m in TOKEN.finditer(text)), default=0.0)
    return max(widest, 1.0 if text.strip() else 0.0)


def _lows(header: Sequence[str], rows: Sequence[Sequence[str]], size: float, measure: Measure) -> list[float]:
    """Each column's narrowest width in pt; a header may wrap between its characters, but keeps two together."""
    return [max([min(measure(header[j]), 2.0), *(min_width(r[j], measure) for r in rows)]) * size + CELL_PADDING
            for j in range(len(header))]


def fit_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total: float, size: float,
               measure: Measure = text_width) -> list[float]:
    """Column widths (in the unit of ``total``, pt) for a table set in ``size`` pt: see the module docstring.
    ``measure`` gives a text's width in em (the PDF writer measures in its font)."""
    cells = [[header[j], *(row[j] for row in rows)] for j in range(len(header))]
    lows = _lows(header, rows, size, measure)
    highs = [max(max(measure(c) for c in col) * size + CELL_PADDING, low) for col, low in zip(cells, lows,
                                                                                              strict=True)]
    if sum(lows) >= total:  # cannot all fit: keep the proportions of the minimums (see table_size)
        return [low * total / sum(lows) for low in lows]
    roomy = [max(low, min(high, ROOMY * size + CELL_PADDING)) for low, high in zip(lows, highs, strict=True)]
    if sum(roomy) <= total:  # text columns (indicator names) not squeezed to a character or two
        lows = roomy
    spare = total - sum(lows)
    wants = [high - low for high, low in zip(highs, lows, strict=True)]
    if sum(wants) >= spare:
        return [low + spare * want / sum(wants) for low, want in zip(lows, wants, strict=True)]
    rest = spare - sum(wants)
    return [high + rest * high / sum(highs) for high in highs]


def table_size(header: Sequence[str], rows: Sequence[Sequence[str]], total: float,
               sizes: Sequence[float] = (10.5, 9.0, 7.5), measure: Measure = text_width) -> float:
    """The largest of ``sizes`` (pt) at which every number of the table fits its column whole.

    >>> table_size(("a", "b"), [("1234567890.12", "2")], 80), table_size(("a",), [("1",)], 80)
    (7.5, 10.5)
    """
    for size in sizes:
        if sum(_lows(header, rows, size, measure)) <= total:
            return size
    return sizes[-1]


def balanced_title(title: str, per_line: int) -> int:
    """How many em a title's line should hold so that its lines are of about equal length (no character left
    alone on the last line): the title's width spread evenly over the lines it needs at ``per_line`` em."""
    width = text_width(title)
    lines = max(1, math.ceil(width / per_line))
    return min(per_line, math.ceil(width / lines))


CLOSING = set("，。；：、！？）》」』”’】〕…")  # never at the start of a line
OPENING = set("（《「『“‘【〔")  # never at the end of a line


def units(text: str) -> list[str]:
    """The pieces a line may break between: a number with what sticks to it, else one character; closing
    punctuation joins the piece before it, opening punctuation the piece after it.

    >>> units("当年6.5%（2025）；年均")
    ['当', '年', '6.5%', '（2025）；', '年', '均']
    """
    pieces: list[str] = []
    at, carry = 0, ""
    while at < len(text):
        m = TOKEN.match(text, at)
        piece = m.group() if m else text[at]
        at += len(piece)
        if piece in OPENING:
            carry += piece
            continue
        if pieces and not carry and piece in CLOSING:
            pieces[-1] += piece
            continue
        pieces.append(carry + piece)
        carry = ""
    if carry:
        pieces.append(carry)
    return pieces


def break_lines(text: str, width: float, first: float | None = None, measure: Measure = text_width) -> list[str]:
    """``text`` broken into lines of at most ``width`` em (the first line ``first`` em), never inside a number.

    >>> break_lines("外贸进出口总额3333.94亿元", 8)
    ['外贸进出口总额', '3333.94亿元']
    """
    lines: list[str] = []
    line, used, room = "", 0.0, width if first is None else first
    for piece in units(text):
        w = measure(piece)
        if line and used + w > room + 1e-6:
            lines.append(line)
            line, used, room = "", 0.0, width
        line += piece
        used += w
    if line or not lines:
        lines.append(line)
    return lines
