"""Extraction: a plan document (or indicator table) in, a :class:`~planwatch.core.model.Plan` out.

One cell or one paragraph never stops a document: what cannot be read is kept as written and recorded in
``Plan.warnings`` (place and reason, in Chinese). Only a file that is no plan at all is an error.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from .blocks import Block, Box, Paragraph, SourceDocument, Table
from .commitments import extract_commitments
from .errors import NotAPlanError, PlanwatchError
from .glossary import parse_glossary
from .grammar import title_period
from .indicator_table import read_indicator_table
from .model import Indicator, Node, ParseWarning, Plan, Source, plan_years
from .numerals import parse_chinese_number
from .projects import extract_projects
from .readers import DEFAULT_MAX_BYTES, read_document
from .structure import build_outline
from .tasks import extract_tasks

# Characters that exist only in traditional script and are frequent in plan texts.
_TRADITIONAL_ONLY = set("與為這個們會區發經濟國時後來對進務說門間體產業華實現環標設計劃綱規劃節專欄屬預約層質")


def _to_simplified(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], bool]:
    sample = "".join(b.text for b in blocks[:400] if isinstance(b, Paragraph))
    if sum(map(sample.count, _TRADITIONAL_ONLY)) < max(3, len(sample) // 500):  # str.count: no loop per character
        return blocks, False
    import opencc

    convert = opencc.OpenCC("t2s").convert
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(Paragraph(convert(b.text)))
        elif isinstance(b, Box):
            out.append(Box(tuple(convert(p) for p in b.paragraphs)))
        elif isinstance(b, Table):
            out.append(Table(tuple(tuple(convert(c) for c in row) for row in b.rows)))
        else:
            out.append(b)
    return tuple(out), True


def _all_text(root: Node) -> str:
    return "\n".join(p for n in root.walk() for p in (n.title, *n.paragraphs))


def infer_plan_years(indicators: list[Indicator], title: str | None, text: str) -> tuple[int | None, int | None]:
    """(base year, end year): from the indicator table, else the title (五年规划 number, 2024—2027年), else the
    五年规划 number in the opening text, else the commonest 到20xx年."""
    base, end = plan_years(indicators)
    if base and end:
        return base, end
    named = title_period(title)
    if named:
        return named
    m = re.search(r"第([一二三四五六七八九十]+)个五年规划|“([一二三四五六七八九十]+)五”", (title or "") + text[:3000])
    if m:
        n = parse_chinese_number(m.group(1) or m.group(2))
        if n >= 3:
            start = 1966 + 5 * (n - 3)
            return start - 1, start + 4
    years = re.findall(r"到(20\d\d)年", text)
    if years:
        end = int(max(set(years), key=years.count))
        return end - 5, end
    return None, None


_STATED = [  # as text: re compiles each when first needed (the first three only for a text that states 章…节)
    ("chapters", r"(\d+|[一二三四五六七八九十]+)章"),
    ("sections", r"章(\d+|[一二三四五六七八九十]+)节"),
    ("columns", r"节(\d+|[一二三四五六七八九十]+)个?专栏"),
    ("indicators", r"指标(?:体系)?共(\d+)项"),
    ("expected", r"预期性指标(\d+)项"),
    ("binding", r"约束性指标(\d+)项"),
]


def stated_counts(text: str) -> dict[str, int]:
    """Counts a document states about a plan (``10章45节26个专栏``, ``预期性指标17项``)."""
    found: dict[str, int] = {}
    # 章 first: a pattern opening with a number is tried at every character of the whole plan
    structure = (re.search(r"(\d+|[一二三四五六七八九十]+)章(\d+|[一二三四五六七八九十]+)节", text)
                 if re.search(r"章(?:\d+|[一二三四五六七八九十]+)节", text) else None)
    for key, pattern in _STATED:
        if key in ("chapters", "sections", "columns") and not structure:
            continue
        m = re.compile(pattern).search(text, structure.start() if structure and key != "indicators" and
                           key in ("chapters", "sections", "columns") else 0)
        if m:
            found[key] = parse_chinese_number(m.group(1))
    return found


def plan_from_document(doc: SourceDocument, path: str) -> Plan:
    blocks, traditional = _to_simplified(doc.blocks)
    outline = build_outline(blocks)
    root = outline.root
    indicators: list[Indicator] = []
    conventions: list[str] = []
    warnings: list[ParseWarning] = []
    for parent in root.walk():
        for i, child in enumerate(parent.children):
            if child.kind != "table":
                continue
            after = parent.children[i + 1] if i + 1 < len(parent.children) else None
            note = " ".join(after.paragraphs) if after is not None and after.kind == "note" else ""
            try:
                reading = read_indicator_table(child, note)
            except PlanwatchError as exc:  # a table that cannot be read at all: keep its grid, read on
                warnings.append(ParseWarning(f"表{child.label}" if child.label and child.title else "主要指标表",
                                             f"{exc}，已保留原表", "", child.id))
                continue
            indicators.extend(reading.indicators)
            conventions.extend(c for c in reading.conventions if c not in conventions)
            warnings.extend(reading.warnings)
    chapters = [n for n in root.walk() if n.kind in ("chapter", "part", "section")]
    # a plan outlined by 一、/（一） only (no 篇/章/节) counts when it names itself a 规划/纲要/计划
    numbered = outline.title is not None and sum(1 for n in root.walk() if n.kind in ("subsection", "clause")) >= 2
    if not chapters and not numbered and not indicators:
        raise NotAPlanError(f"{os.path.basename(path)}: 未找到规划纲要的章节结构（第一章…）或主要指标表，不像一份规划文本")
    text = _all_text(root)
    base_year, end_year = infer_plan_years(indicators, outline.title, text)
    plan = Plan(
        title=outline.title, source=Source(path, doc.format, doc.encoding,
                                           "traditional" if traditional else "simplified"),
        root=root, indicators=tuple(indicators), table_conventions=tuple(conventions),
        stated_counts=stated_counts(text), warnings=tuple(warnings), period=(base_year, end_year))
    return replace(
        plan,
        tasks=tuple(extract_tasks(root)),
        commitments=tuple(extract_commitments(root, base_year, end_year)),
        projects=tuple(extract_projects(root)),
        glossary=tuple(parse_glossary(root, plan.indicators)),
    )


def extract_plan(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """Read and digitise one plan file (.txt/.docx/.pdf/.html, or an indicator table .csv/.xlsx)."""
    return plan_from_document(read_document(path, max_bytes), os.fspath(path))
