"""The structured plan: immutable values produced by extraction.

Terms follow the plan itself: 章 chapter, 节 section, 专栏 column (a boxed feature), 表 table,
预期性 ``expected`` (guidance) and 约束性 ``binding`` (must be met) indicators, 牵头单位 lead unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from .targets import Comparator, TargetExpr

NodeKind = Literal["root", "preface", "part", "chapter", "section", "subsection", "clause", "item",
                   "column", "table", "figure", "note", "appendix"]
Attribute = Literal["expected", "binding"]
ATTRIBUTES: dict[str, Attribute] = {"预期性": "expected", "约束性": "binding"}


@dataclass(frozen=True)
class Node:
    """One node of the plan tree. ``id`` is a stable path such as ``ch3/s1/col3-1``."""

    id: str
    kind: NodeKind
    label: str  # the number as written: 三, 3-1, 1-1
    number: int | None
    title: str
    paragraphs: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # table nodes: the grid as read

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, node_id: str) -> Node | None:
        return next((n for n in self.walk() if n.id == node_id), None)


@dataclass(frozen=True)
class Indicator:
    """One row of the main-indicator table (表1-1).

    ``no`` is the indicator's key, an integer sequence: the printed 序号 when every row has its own, else the row's
    position in the table. ``label`` is the number as printed, shown to people: ``"10"``, or ``"10.1"`` and ``"10.2"``
    for the measured sub-rows of a merged item (15th FYP 10. 每千人口拥有医护人员数：执业医师数 / 注册护士数), which
    then have ``no`` 10 and 11 (and printed 11 has ``no`` 12). ``baseline_year`` is this row's own: ``60.6*`` under
    ``带*的为2019年数据`` is a 2019 value in a 2020 column.
    """

    no: int
    category: str
    name: str
    unit: str
    baseline_year: int | None
    baseline_value: float | None  # None: "—" in the table, unknown (never 0)
    baseline_raw: str
    target_year: int | None
    target: TargetExpr
    growth: TargetExpr  # 年均增长 column: a rate, or a five-year cumulative change in [ ]
    attribute: Attribute | None
    notes: tuple[str, ...] = ()  # footnote texts resolved from ①…⑥ and * markers, or naming the indicator
    label: str = ""  # the 序号 as printed ("10.1"); empty means str(no)
    baseline_cumulative: bool = False  # the base-year cell is a five-year total (〔17.7〕: the last plan's result)

    @property
    def display_no(self) -> str:
        return self.label or str(self.no)

    @property
    def item(self) -> str:
        """The printed item this row belongs to: ``"10"`` for 10.1 and 10.2 (what a plan counts, 指标共20项)."""
        return self.display_no.split(".")[0]


@dataclass(frozen=True)
class ParseWarning:
    """A cell or paragraph that could not be read: kept as written, the rest of the plan read on."""

    place: str  # where, for a person: 主要指标表第3行（常住人口城镇化率）“2020年”列
    reason: str  # why, in Chinese: 基期值无法识别：'60.6?'
    text: str = ""  # the cell or paragraph as written
    node: str = ""  # id of the node it stands in, e.g. ch3/s2/tab1

    def message(self) -> str:
        return f"{self.place}：{self.reason}"


@dataclass(frozen=True)
class Commitment:
    """A quantitative, forward-looking commitment written in the text (到2025年，新增…5—10家)."""

    text: str  # the sentence it stands in
    quantity: str  # the words of the commitment itself, e.g. 新增新型研发机构5—10家
    subject: str  # what is counted or measured, as written before the figure
    deadline: int | None
    recurring: bool  # 每年… / 逐年…
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    change: Literal["increase", "decrease"] | None
    base_year: int | None
    node: str


@dataclass(frozen=True)
class Project:
    """A named major project listed in a 专栏."""

    name: str
    column: str  # 专栏 label, e.g. 3-1
    column_title: str
    sector: str  # the lead words of its 专栏 item, e.g. 石油化工产业
    node: str
    description: str = ""  # what it builds, when the 专栏 says so: 名称→内容, or a table's 建设内容 column


@dataclass(frozen=True)
class Task:
    """A paragraph that opens with a lead sentence: the plan's unit of work."""

    title: str
    body: str
    node: str


@dataclass(frozen=True)
class GlossaryEntry:
    """An appendix entry (部分指标和名词解释) and the indicators it explains."""

    term: str
    definition: str
    kind: Literal["indicator", "term"]
    indicators: tuple[int, ...] = ()


@dataclass(frozen=True)
class Source:
    path: str
    format: str
    encoding: str | None
    script: Literal["simplified", "traditional"] = "simplified"


@dataclass(frozen=True)
class Plan:
    """Everything extracted from one plan document."""

    title: str | None
    source: Source
    root: Node
    indicators: tuple[Indicator, ...] = ()
    table_conventions: tuple[str, ...] = ()  # e.g. "[ ]为五年累计数"
    commitments: tuple[Commitment, ...] = ()
    projects: tuple[Project, ...] = ()
    tasks: tuple[Task, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    stated_counts: dict[str, int] = field(default_factory=dict)  # counts the text states about itself
    warnings: tuple[ParseWarning, ...] = ()  # cells and paragraphs kept as written because they could not be read
    period: tuple[int | None, int | None] = (None, None)  # (base, end) from the title or text: 第十五个五年 → (2025, 2030)

    def nodes(self, kind: NodeKind) -> list[Node]:
        return [n for n in self.root.walk() if n.kind == kind]

    @property
    def plan_years(self) -> tuple[int | None, int | None]:
        """(base year, target year) of the indicator table, e.g. (2020, 2025): the commonest pair, so that a row
        with a 2019 value (``60.6*``) does not move the plan's base year. Without a table that names its years,
        the period the title or text names (``period``)."""
        base, end = plan_years(self.indicators)
        return (base, end) if base and end else self.period

    def counts(self) -> dict[str, int]:
        """``indicators``, ``expected`` and ``binding`` count printed items, as a plan counts them (sub-rows 10.1 and
        10.2 are one item); ``indicator_rows`` counts the rows, each an Indicator."""
        items = {i.item: i.attribute for i in reversed(self.indicators)}  # an item's first row decides
        return {
            "parts": len(self.nodes("part")),
            "chapters": len(self.nodes("chapter")),
            "sections": len(self.nodes("section")),
            "subsections": len(self.nodes("subsection")),  # 一、 headings
            "clauses": len(self.nodes("clause")),  # （一） headings
            "columns": len(self.nodes("column")),
            "tables": len(self.nodes("table")),
            "figures": len(self.nodes("figure")),
            "indicators": len(items),
            "indicator_rows": len(self.indicators),
            "expected": sum(1 for a in items.values() if a == "expected"),
            "binding": sum(1 for a in items.values() if a == "binding"),
            "commitments": len(self.commitments),
            "projects": len(self.projects),
            "tasks": len(self.tasks),
            "glossary": len(self.glossary),
        }


def plan_years(indicators: tuple[Indicator, ...] | list[Indicator]) -> tuple[int | None, int | None]:
    """The commonest (baseline year, target year) pair among the indicators, the first such row on a tie."""
    pairs = Counter((i.baseline_year, i.target_year) for i in indicators if i.baseline_year and i.target_year)
    if not pairs:
        return None, None
    return pairs.most_common(1)[0][0]
