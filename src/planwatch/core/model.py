"""The structured plan: immutable values produced by extraction.

Terms follow the plan itself: 章 chapter, 节 section, 专栏 column (a boxed feature), 表 table,
预期性 ``expected`` (guidance) and 约束性 ``binding`` (must be met) indicators, 牵头单位 lead unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from .targets import Comparator, TargetExpr

NodeKind = Literal["root", "preface", "part", "chapter", "section", "subsection", "clause",
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
    """One row of the main-indicator table (表1-1)."""

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
    notes: tuple[str, ...] = ()  # footnote texts resolved from ①…⑥ markers


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

    def nodes(self, kind: NodeKind) -> list[Node]:
        return [n for n in self.root.walk() if n.kind == kind]

    @property
    def plan_years(self) -> tuple[int | None, int | None]:
        """(base year, target year) of the indicator table, e.g. (2020, 2025)."""
        for ind in self.indicators:
            if ind.baseline_year and ind.target_year:
                return ind.baseline_year, ind.target_year
        return None, None

    def counts(self) -> dict[str, int]:
        return {
            "parts": len(self.nodes("part")),
            "chapters": len(self.nodes("chapter")),
            "sections": len(self.nodes("section")),
            "columns": len(self.nodes("column")),
            "tables": len(self.nodes("table")),
            "figures": len(self.nodes("figure")),
            "indicators": len(self.indicators),
            "expected": sum(1 for i in self.indicators if i.attribute == "expected"),
            "binding": sum(1 for i in self.indicators if i.attribute == "binding"),
            "commitments": len(self.commitments),
            "projects": len(self.projects),
            "tasks": len(self.tasks),
            "glossary": len(self.glossary),
        }
