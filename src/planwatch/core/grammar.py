"""The written grammar of Chinese plan outlines: heading, caption and note patterns.

All patterns run on simplified text (traditional text is converted before parsing).
"""

from __future__ import annotations

import re

from .numerals import NUMERAL_CHARS, parse_chinese_number

_NUM = rf"[{NUMERAL_CHARS}\d]+"
_SEP = r"[\s　:：、.．]*"
# 第一篇 / 第一章 / 第一节, with or without a space after the number; the title must not be a sentence.
PART = re.compile(rf"^第({_NUM})篇{_SEP}(\S.{{0,59}})$")
CHAPTER = re.compile(rf"^第({_NUM})章{_SEP}(\S.{{0,59}})$")
SECTION = re.compile(rf"^第({_NUM})节{_SEP}(\S.{{0,59}})$")
# 一、标题 (a comma may stand inside: 二、优化城乡发展格局，分类有序推进乡村全面振兴) and （一）标题.
SUBSECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*([^。；]{1,40})(?<!，)$")
CLAUSE = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*([^。，；]{1,40})$")
# ITEM, RUN_IN and TOC_TAIL are text, like TITLE_YEARS below: only plans without 篇/章/节 and contents lines use
# them, and re compiles them (and keeps them) when first used instead of at every start-up (issue #16).
# 1. 标题, a third numbered level; only in plans whose outline is 一、/（一）/1. (no 篇/章/节).
ITEM = r"^(\d{1,2})[.．、]\s*([^。，；：:]{1,30})$"
# A run-in heading, as 中共中央 documents write their numbered parts: （一）统筹优化城乡发展布局。以资源…
RUN_IN = r"^(?:([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[）)])\s*([^。，；：:]{2,40})。(.+)$"
COLUMN = re.compile(r"^专栏\s*(\d+(?:\s*[-－—–]\s*\d+)?)\s*[:：]?\s*(.*)$")
TABLE_CAPTION = re.compile(r"^表\s*(\d+(?:[-－—–.．]\d+)?)\s*[:：]?\s*(\S.{0,59})$")
FIGURE_CAPTION = re.compile(r"^图\s*(\d+(?:[-－—–.．]\d+)?)\s*[:：]?\s*(\S.{0,59})$")
NOTE = re.compile(r"^(?:注|备注|说明)\s*[:：]\s*(.+)$")
APPENDIX = re.compile(r"^(附录|附件)\s*(\d*)\s*[:：]?\s*(.{0,40})$")
# A table-of-contents line: a heading followed by dot leaders and/or a page number.
TOC_TAIL = r"(?:[.…·．。\-—_\s]{2,}|\s+)\d{1,4}$"
TOC_TITLE = re.compile(r"^目\s*录\s*[:：]?$")
# Front and back matter a table of contents lists besides numbered headings.
TOC_MATTER = re.compile(r"^(?:前\s*言|序\s*言|引\s*言|结\s*束\s*语|后\s*记|附\s*[录件].{0,30}|名词解释)$")
# A news agency's dateline before the title: 新华社北京3月12日电 (alone, or opening the news lead).
# (this one and NEWS_HEADLINE as text, compiled when first used: only lines before the first heading are tried)
DATELINE = (r"^(?:新华社|中新社|人民日报|本报)\S{0,12}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日电")
# A news headline wrapping the plan's name: 中共中央　国务院印发《乡村全面振兴规划（2024—2027年）》
NEWS_HEADLINE = r"^.{0,30}(?:印发|发布|公布|颁布)(?:了)?《(.+(?:规划|纲要|计划).*)》$"
# The period written in a title: （2024—2027年）, 2024—2035年, 第十五个五年.
# (these two as text: re compiles and keeps them when a title is first read, not at every start-up — issue #16)
TITLE_YEARS = r"((?:19|20)\d\d)\s*[-－—–~～至到]+\s*((?:19|20)\d\d)\s*年"
FIVE_YEAR_NUMBER = r"第([一二三四五六七八九十]+)个五年|“([一二三四五六七八九十]+)五”"
IMAGE_PLACEHOLDER = re.compile(r"\[(?:image|图片)[:：][^\]]*\]", re.IGNORECASE)


def is_sentence(text: str) -> bool:
    """True for running text: it ends a sentence or clause, as headings never do."""
    return text.endswith(("。", "；", "！", "？")) or "。" in text[:-1]


def has_toc_tail(text: str) -> bool:
    """``TOC_TAIL.search(text)``, without scanning a paragraph whose last character (before a final newline, as
    ``$`` allows) is no digit: nearly every paragraph, and scanning them was most of the time to build the outline.

    >>> has_toc_tail("第一章　发展基础 ........ 3"), has_toc_tail("到2025年，增长6%。")
    (True, False)
    """
    return text.removesuffix("\n")[-1:].isdecimal() and re.search(TOC_TAIL, text) is not None  # \d is isdecimal()


def title_period(title: str | None) -> tuple[int, int] | None:
    """(base year, end year) that a plan's title names: the years before and at the end of its period.

    >>> title_period("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要")
    (2020, 2025)
    >>> title_period("某市国民经济和社会发展第十五个五年规划纲要")
    (2025, 2030)
    >>> title_period("乡村全面振兴规划（2024—2027年）")
    (2023, 2027)
    >>> title_period("加快建设教育强国规划纲要（2024—2035年）")
    (2023, 2035)
    >>> title_period("某县生态环境保护规划") is None
    True
    """
    if not title:
        return None
    m = re.search(FIVE_YEAR_NUMBER, title)
    if m:
        n = parse_chinese_number(m.group(1) or m.group(2))
        if n >= 3:  # the 3rd plan ran 1966–1970, each one five years after the last
            start = 1966 + 5 * (n - 3)
            return start - 1, start + 4
    m = re.search(TITLE_YEARS, title)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)) - 1, int(m.group(2))
    return None


def normalise_label(label: str) -> str:
    return re.sub(r"\s+", "", label).translate(_LABEL_DASHES)


_LABEL_DASHES = str.maketrans("－—–．", "---.")
