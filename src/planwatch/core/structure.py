"""From a block stream to the plan tree: 篇 / 章 / 节 / 一、 / （一） / 1., 专栏, 表, 图, 注, 附录.

Rules that are not obvious:
- A table of contents never becomes structure. It is dropped wherever it stands: ``目录`` and the
  heading-like lines after it (篇/章/节/一、/附录/前言…, with or without dot leaders and page numbers)
  up to the first line of text or the first heading met a second time (the body starting at once);
  without a ``目录`` line, a run of three or more heading-like lines most of which stand again later.
  Before the first 篇 or 章, lines that look like headings are residue and are dropped too, as are
  TOC lines anywhere (a heading followed by dot leaders or a page number).
- The title is the first short line naming a 规划/纲要/计划 before the body; a news dateline
  (``新华社北京3月12日电``) before it is dropped, a news headline (``…印发《X规划》``) gives X, and
  when the title stands again before the body (alone, or with its years ``（2021－2025年）``) what
  came before it was the news wrapper and is dropped.
- A plan with 节 but no 篇/章 (a short special plan: 第一节 发展基础, 第二节 主要目标…) opens its body at its
  first 节, as others do at their first 篇 or 章; its 一、/（一） are subsections and clauses inside the 节.
- A plan with no 篇/章/节 at all is outlined by its numbered headings: ``一、`` (subsection),
  ``（一）`` (clause) and ``1.`` (item) open the body and nest in that order; there the run-in form
  ``（一）标题。正文…`` is a heading titled by its first sentence, and the paragraph, without its
  number, stays the node's first paragraph (the heading is part of it, and it is the item's task).
- A 专栏 is a boxed table (a Box block) or, in plain text, a line ``专栏2-1 标题`` whose body runs to
  the next heading, table or visible gap (two blank lines).
  A 专栏 whose items are written ``名称→内容`` (the 11th FYP's) ends at the first paragraph after
  them without an arrow: the text goes on in the surrounding node.
- ``一、标题`` and ``（一）标题`` are headings only when short and not a sentence; ``一是…。`` or
  ``（一）关于指导思想。…`` stay paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import grammar as g
from .blocks import Block, Box, Break, Paragraph, Table
from .model import Node, NodeKind
from .numerals import NUMERAL_CHARS, parse_chinese_number

_LEVEL: dict[str, int] = {"part": 1, "appendix": 1, "preface": 1, "chapter": 2, "section": 3,
                          "subsection": 4, "clause": 5, "item": 6}
_PREFIX: dict[str, str] = {"part": "pt", "chapter": "ch", "section": "s", "subsection": "sub",
                           "clause": "cl", "item": "it", "column": "col", "table": "tab", "figure": "fig",
                           "note": "note", "appendix": "appx"}


@dataclass
class _Builder:
    id: str
    kind: NodeKind
    label: str
    number: int | None
    title: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Builder] = field(default_factory=list)
    rows: tuple[tuple[str, ...], ...] = ()

    def freeze(self) -> Node:
        return Node(self.id, self.kind, self.label, self.number, self.title, tuple(self.paragraphs),
                    tuple(c.freeze() for c in self.children), self.rows)


@dataclass(frozen=True)
class Outline:
    """The parsed tree plus the document title found before the first chapter."""

    title: str | None
    root: Node


class _TreeBuilder:
    def __init__(self, numbered: bool = False, sections_top: bool = False) -> None:
        self.numbered = numbered  # no 篇/章/节 anywhere: 一、/（一）/1. are the outline
        # 节 but no 篇/章: a 节 opens the body (else a 节 before the first 篇/章 is table-of-contents residue)
        self.top: tuple[tuple[NodeKind, re.Pattern[str]], ...] = (
            ("part", g.PART), ("chapter", g.CHAPTER), *((("section", g.SECTION),) if sections_top else ()))
        self.root = _Builder("", "root", "", None, "")
        self.stack: list[_Builder] = []
        self.column: _Builder | None = None  # an unboxed 专栏 still collecting paragraphs
        self.ids: set[str] = set()
        self.seen_body = False  # a 篇 or 章 has been seen
        self.title: str | None = None
        self.preface: _Builder | None = None
        self.pending_table: _Builder | None = None  # a 表 caption waiting for its grid
        self.pending_appendix_title: _Builder | None = None

    # -- tree plumbing -------------------------------------------------------------------------
    def container(self) -> _Builder:
        return self.stack[-1] if self.stack else self.root

    def _make_id(self, parent: _Builder, kind: str, label: str) -> str:
        base = f"{parent.id}/{_PREFIX[kind]}{label}" if parent.id else f"{_PREFIX[kind]}{label}"
        node_id, n = base, 2
        while node_id in self.ids:
            node_id, n = f"{base}~{n}", n + 1
        self.ids.add(node_id)
        return node_id

    def open_heading(self, kind: NodeKind, label: str, title: str) -> _Builder:
        self.column = None
        self.pending_table = None
        level = _LEVEL[kind]
        while self.stack and _LEVEL[self.stack[-1].kind] >= level:
            self.stack.pop()
        parent = self.container()
        try:
            number: int | None = parse_chinese_number(label) if label else None
        except Exception:  # noqa: BLE001 - an odd label keeps its text and gets no number
            number = None
        node = _Builder(self._make_id(parent, kind, str(number) if number is not None else label),
                        kind, label, number, title.strip())
        parent.children.append(node)
        self.stack.append(node)
        return node

    def add_leaf(self, kind: NodeKind, label: str, title: str, paragraphs: list[str] | None = None) -> _Builder:
        parent = self.container()
        if not label:
            label = str(sum(1 for c in parent.children if c.kind == kind) + 1)
        node = _Builder(self._make_id(parent, kind, label), kind, label, None, title.strip(), paragraphs or [])
        parent.children.append(node)
        return node

    def add_paragraph(self, text: str) -> None:
        if self.column is not None and _ends_arrow_items(self.column.paragraphs, text):
            self.column = None
        if self.column is not None:
            self.column.paragraphs.append(text)
        elif not self.seen_body:
            if self.preface is None:
                self.preface = _Builder("preface", "preface", "", None, "")
                self.root.children.insert(0, self.preface)
            self.preface.paragraphs.append(text)
        else:
            self.container().paragraphs.append(text)

    # -- block handling ------------------------------------------------------------------------
    def feed(self, block: Block) -> None:
        if isinstance(block, Break):
            self.column = None
        elif isinstance(block, Box):
            self.feed_box(block)
        elif isinstance(block, Table):
            self.feed_table(block)
        else:
            self.feed_paragraph(block.text)

    def feed_box(self, box: Box) -> None:
        self.column = None
        if not box.paragraphs:
            return
        m = g.COLUMN.match(box.paragraphs[0])
        if m:
            self.add_leaf("column", g.normalise_label(m.group(1)), m.group(2), list(box.paragraphs[1:]))
        else:  # a box without a 专栏 heading: its text belongs to the surrounding node
            for text in box.paragraphs:
                self.add_paragraph(text)

    def feed_table(self, table: Table) -> None:
        self.column = None
        node = self.pending_table or self.add_leaf("table", "", "")
        # a line break inside a cell is layout, not content (经济\n发展 is one category)
        rows = tuple(tuple(cell.replace("\n", "") for cell in row) for row in table.rows)
        node.rows = node.rows + rows if node.rows else rows
        self.pending_table = None

    def feed_paragraph(self, text: str) -> None:
        # figures survive in text exports only as placeholders such as [image: image1.jpg]
        text = g.IMAGE_PLACEHOLDER.sub("", text).strip()
        if not text:
            return
        if self.pending_appendix_title is not None:
            node, self.pending_appendix_title = self.pending_appendix_title, None
            if not node.title and len(text) <= 30 and not g.is_sentence(text):
                node.title = text
                return
        if g.TOC_TITLE.match(text):
            return
        if self._is_toc_line(text):
            return
        for kind, pattern in self.top:
            m = pattern.match(text)
            if m and not g.is_sentence(m.group(2)):
                self.seen_body = True
                self.open_heading(kind, m.group(1), m.group(2))
                return
        if self.numbered and self.column is None and self._open_numbered(text):
            return
        if not self.seen_body:
            if any(p.match(text) for p in (g.SECTION, g.APPENDIX, g.COLUMN, g.TABLE_CAPTION)):
                return  # table-of-contents residue before the body
            if re.match(g.DATELINE, text) and not re.sub(g.DATELINE, "", text).strip(" 　"):
                return  # 新华社北京3月12日电, alone on its line
            name = _title_candidate(text)
            news = self.preface is not None and all(re.match(g.DATELINE, p) for p in self.preface.paragraphs)
            if name is not None and self.title is None and (self.preface is None or news):
                if self.preface is not None:  # only a news lead (新华社…电　近日，…) stood before the title
                    self.root.children.remove(self.preface)
                    self.preface = None
                self.title = name
                return
            if name is not None and self.title is not None and _same_title(name, self.title):
                if self.preface is not None:  # the news wrapper before the plan's own title line
                    self.root.children.remove(self.preface)
                    self.preface = None
                return
            self.add_paragraph(text)
            return
        m = g.SECTION.match(text)
        if m and not g.is_sentence(m.group(2)):
            self.open_heading("section", m.group(1), m.group(2))
            return
        m = g.APPENDIX.match(text)
        if m and not g.is_sentence(text):
            node = self.open_heading("appendix", m.group(2), m.group(3))
            if not node.title:
                self.pending_appendix_title = node
            return
        m = g.COLUMN.match(text)
        if m:
            self.pending_table = None
            self.column = self.add_leaf("column", g.normalise_label(m.group(1)), m.group(2))
            return
        m = g.TABLE_CAPTION.match(text)
        if m and not g.is_sentence(text):
            self.column = None
            self.pending_table = self.add_leaf("table", g.normalise_label(m.group(1)), m.group(2))
            return
        m = g.FIGURE_CAPTION.match(text)
        if m and not g.is_sentence(text):
            self.add_leaf("figure", g.normalise_label(m.group(1)), m.group(2))
            return
        m = g.NOTE.match(text)
        if m:
            self.column = None
            self.add_leaf("note", "", "", [m.group(1)])
            return
        for kind, pattern in (("subsection", g.SUBSECTION), ("clause", g.CLAUSE)):
            m = pattern.match(text)
            if m and self.column is None:
                self.open_heading(kind, m.group(1), m.group(2))
                return
        self.add_paragraph(text)

    def _open_numbered(self, text: str) -> bool:
        """In a plan without 篇/章/节: open 一、/（一）/1. headings, the run-in form included."""
        rest = ""
        for kind, pattern in (("subsection", g.SUBSECTION), ("clause", g.CLAUSE), ("item", g.ITEM)):
            m = re.match(pattern, text)
            if m and not g.is_sentence(text):
                label, title = m.group(1), m.group(2)
                break
        else:
            m = re.match(g.RUN_IN, text)
            if not m:
                return False
            kind = "subsection" if m.group(1) else "clause"
            label, title, rest = m.group(1) or m.group(2), m.group(3), f"{m.group(3)}。{m.group(4).strip()}"
        self.seen_body = True
        self.open_heading(kind, label, title)  # type: ignore[arg-type]
        if rest:
            self.add_paragraph(rest)
        return True

    @staticmethod
    def _is_toc_line(text: str) -> bool:
        if not g.has_toc_tail(text):
            return False
        head = re.sub(g.TOC_TAIL, "", text).strip()
        return any(p.match(head) for p in (g.PART, g.CHAPTER, g.SECTION, g.APPENDIX, g.SUBSECTION))


_YEARS_IN_TITLE = r"[（(]?\s*(?:19|20)\d\d\s*[-－—–~～至到]+\s*(?:19|20)\d\d\s*年\s*[）)]?"  # compiled when first used


def _ends_arrow_items(paragraphs: list[str], text: str) -> bool:
    return bool(paragraphs) and "→" in paragraphs[-1] and "→" not in text


def _title_candidate(text: str) -> str | None:
    """The plan's name when ``text`` is a title line (a news headline gives the name it quotes)."""
    m = re.match(g.NEWS_HEADLINE, text)
    if m:
        return m.group(1).strip()
    if len(text) <= 80 and not g.is_sentence(text) and any(w in text for w in ("规划", "纲要", "计划")):
        return text
    return None


def _same_title(a: str, b: str) -> bool:
    def key(t: str) -> str:
        return re.sub(r"\s+", "", re.sub(_YEARS_IN_TITLE, "", t))
    return key(a) == key(b)


def _entry_key(text: str) -> str | None:
    """The heading a table-of-contents line names (spaces, dot leaders and page number removed), or None."""
    head = re.sub(g.TOC_TAIL, "", text).strip() if g.has_toc_tail(text) else text
    if not g.is_sentence(head) and any(p.match(head) for p in (g.PART, g.CHAPTER, g.SECTION, g.APPENDIX,
                                                                g.SUBSECTION, g.CLAUSE, g.COLUMN, g.TOC_MATTER)):
        return re.sub(r"\s+", "", head)
    return None


_PART_OR_CHAPTER_LABEL = re.compile(rf"^第[{NUMERAL_CHARS}\d]+[篇章]")


def _entry_run(blocks: list[Block], keys: list[str | None], start: int) -> tuple[int, list[str]]:
    """End of the run of heading-like lines from ``start``: at a line of text or a heading met twice (the same
    line, or the same 第N篇/第N章 written a little differently, as a contents may shorten a title)."""
    seen: list[str] = []
    labels: set[str] = set()
    j = start
    while j < len(blocks):
        if isinstance(blocks[j], Break):
            j += 1
            continue
        key = keys[j]
        label = _PART_OR_CHAPTER_LABEL.match(key) if key is not None else None
        if key is None or key in seen or (label and label.group() in labels):
            break
        seen.append(key)
        if label:
            labels.add(label.group())
        j += 1
    return j, seen


def without_contents(blocks: list[Block]) -> list[Block]:
    """The blocks with every table of contents taken out (see the module docstring)."""
    keys = [_entry_key(b.text) if isinstance(b, Paragraph) else None for b in blocks]
    last: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is not None:
            last[key] = i
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Paragraph) and g.TOC_TITLE.match(block.text):
            i, _ = _entry_run(blocks, keys, i + 1)
            continue
        if keys[i] is not None:
            end, run = _entry_run(blocks, keys, i)
            again = sum(1 for key in run if last[key] >= end)
            if len(run) >= 3 and 3 * again >= 2 * len(run):
                i = end
                continue
            out.extend(blocks[i:end])
            i = max(end, i + 1)
            continue
        out.append(block)
        i += 1
    return out


def _heading_kinds(blocks: list[Block]) -> set[str]:
    """Which of 篇, 章 and 节 the body has headings of."""
    kinds: set[str] = set()
    for block in blocks:
        if isinstance(block, Paragraph):
            for kind, pattern in (("part", g.PART), ("chapter", g.CHAPTER), ("section", g.SECTION)):
                m = pattern.match(block.text)
                if m and not g.is_sentence(m.group(2)):
                    kinds.add(kind)
    return kinds


def build_outline(blocks: tuple[Block, ...] | list[Block]) -> Outline:
    body = without_contents(list(blocks))
    kinds = _heading_kinds(body)
    builder = _TreeBuilder(numbered=not kinds, sections_top=kinds == {"section"})
    for block in body:
        builder.feed(block)
    return Outline(builder.title, builder.root.freeze())
