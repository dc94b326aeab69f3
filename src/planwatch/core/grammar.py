"""The written grammar of Chinese plan outlines: heading, caption and note patterns.

All patterns run on simplified text (traditional text is converted before parsing).
"""

from __future__ import annotations

import re

from .numerals import NUMERAL_CHARS

_NUM = rf"[{NUMERAL_CHARS}\d]+"
_SEP = r"[\s　:：、.．]*"
# 第一篇 / 第一章 / 第一节, with or without a space after the number; the title must not be a sentence.
PART = re.compile(rf"^第({_NUM})篇{_SEP}(\S.{{0,59}})$")
CHAPTER = re.compile(rf"^第({_NUM})章{_SEP}(\S.{{0,59}})$")
SECTION = re.compile(rf"^第({_NUM})节{_SEP}(\S.{{0,59}})$")
SUBSECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*([^。，；]{1,40})$")
CLAUSE = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*([^。，；]{1,40})$")
COLUMN = re.compile(r"^专栏\s*(\d+(?:\s*[-－—–]\s*\d+)?)\s*[:：]?\s*(.*)$")
TABLE_CAPTION = re.compile(r"^表\s*(\d+(?:[-－—–.．]\d+)?)\s*[:：]?\s*(\S.{0,59})$")
FIGURE_CAPTION = re.compile(r"^图\s*(\d+(?:[-－—–.．]\d+)?)\s*[:：]?\s*(\S.{0,59})$")
NOTE = re.compile(r"^(?:注|备注|说明)\s*[:：]\s*(.+)$")
APPENDIX = re.compile(r"^(附录|附件)\s*(\d*)\s*[:：]?\s*(.{0,40})$")
# A table-of-contents line: a heading followed by dot leaders and/or a page number.
TOC_TAIL = re.compile(r"(?:[.…·．。\-—_\s]{2,}|\s+)\d{1,4}$")
TOC_TITLE = re.compile(r"^目\s*录$")
IMAGE_PLACEHOLDER = re.compile(r"\[(?:image|图片)[:：][^\]]*\]", re.IGNORECASE)


def is_sentence(text: str) -> bool:
    """True for running text: it ends a sentence or clause, as headings never do."""
    return text.endswith(("。", "；", "！", "？")) or "。" in text[:-1]


def normalise_label(label: str) -> str:
    return re.sub(r"\s+", "", label).translate(_LABEL_DASHES)


_LABEL_DASHES = str.maketrans("－—–．", "---.")
