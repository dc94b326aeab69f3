"""From a block stream to the plan tree: 篇 / 章 / 节 / 一、 / （一）, 专栏, 表, 图, 注, 附录.

Rules that are not obvious:
- Before the first 篇 or 章, lines that look like headings are table-of-contents residue and are
  dropped, as are TOC lines anywhere (a heading followed by dot leaders or a page number).
- A 专栏 is a boxed table (a Box block) or, in plain text, a line ``专栏2-1 标题`` whose body runs to
  the next heading, table or visible gap (two blank lines).
- ``一、标题`` and ``（一）标题`` are headings only when short and not a sentence; ``一是…。`` or
  ``（一）关于指导思想。…`` stay paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import grammar as g
from .blocks import Block, Box, Break, Table
from .model import Node, NodeKind
from .numerals import parse_chinese_number

_LEVEL: dict[str, int] = {"part": 1, "appendix": 1, "preface": 1, "chapter": 2, "section": 3,
                          "subsection": 4, "clause": 5}
_PREFIX: dict[str, str] = {"part": "pt", "chapter": "ch", "section": "s", "subsection": "sub",
                           "clause": "cl", "column": "col", "table": "tab", "figure": "fig",
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
    def __init__(self) -> None:
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
        for kind, pattern in (("part", g.PART), ("chapter", g.CHAPTER)):
            m = pattern.match(text)
            if m and not g.is_sentence(m.group(2)):
                self.seen_body = True
                self.open_heading(kind, m.group(1), m.group(2))  # type: ignore[arg-type]
                return
        if not self.seen_body:
            if any(p.match(text) for p in (g.SECTION, g.APPENDIX, g.COLUMN, g.TABLE_CAPTION)):
                return  # table-of-contents residue before the body
            if self.title is None and self.preface is None and len(text) <= 80 and \
                    not g.is_sentence(text) and any(w in text for w in ("规划", "纲要", "计划")):
                self.title = text
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
                self.open_heading(kind, m.group(1), m.group(2))  # type: ignore[arg-type]
                return
        self.add_paragraph(text)

    @staticmethod
    def _is_toc_line(text: str) -> bool:
        if not g.TOC_TAIL.search(text):
            return False
        head = g.TOC_TAIL.sub("", text).strip()
        return any(p.match(head) for p in (g.PART, g.CHAPTER, g.SECTION, g.APPENDIX, g.SUBSECTION))


def build_outline(blocks: tuple[Block, ...] | list[Block]) -> Outline:
    builder = _TreeBuilder()
    for block in blocks:
        builder.feed(block)
    return Outline(builder.title, builder.root.freeze())
