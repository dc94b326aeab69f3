"""What a report says, independent of its format: title, notices, numbered sections, tables and figures.

The kinds of report and their sections are registries (:mod:`planwatch.reports.kinds`,
:mod:`planwatch.reports.sections`); this module holds what they are made of. The text is drafted from the same
evaluation the dashboard shows; every number in it comes from the evaluation objects passed in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..core.evaluation import LAGGING, Evaluation
from ..core.model import Commitment
from ..core.numerals import to_chinese_number
from ..core.statuses import STATUSES
from .kinds import KIND_TITLES, Kind

__all__ = ["KIND_TITLES", "STATUS_COLOURS", "STATUS_ORDER", "Figure", "Inputs", "Kind", "Report", "Section", "Table",
           "WorkItem", "comparison", "numbered", "numbered_sections", "summary"]

# A report is written in Chinese: its tables carry the labels, and a label picks its status's colour.
STATUS_ORDER = [status.zh for status in STATUSES.values()]
STATUS_COLOURS = {status.zh: status.colour for status in STATUSES.values()}


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shade_column: int | None = None  # the column whose label picks a status colour
    caption: str = ""  # 重点任务分工表: the table's name (the .xlsx sheet's), beside its number


@dataclass(frozen=True)
class Figure:
    """A chart: ``kind`` is ``status_counts`` or ``path``; ``data`` is what the chart module draws."""

    kind: str
    caption: str
    data: Mapping[str, object]


@dataclass(frozen=True)
class Section:
    level: int  # 1: 一、 2: （一） 3: 1. 4: （1）
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()
    children: tuple[Section, ...] = ()
    code: str = ""  # the key of a text a person may write in its place (narrative overrides): problems, cause.12


@dataclass(frozen=True)
class WorkItem:
    """A task, project or commitment as a report lists it: from the ledgers (with progress) or, without them,
    from the plan's text (no progress: ``progress`` None)."""

    kind: Literal["task", "project", "commitment"]
    title: str
    chapter: str  # 第三章 建设现代产业体系 ("" when the item sits outside any chapter)
    lead: str = ""  # 牵头单位, "" when not assigned
    co_units: tuple[str, ...] = ()
    deadline: str = ""  # 完成时限 as printed: 2025年12月31日, 2025年; "" = the end of the plan period
    progress: float | None = None  # percent, from the ledger
    light: str = ""  # green / yellow / red (core.ledger.light), "" without a ledger
    overdue: bool = False  # past its deadline and not finished


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    date_line: str
    notices: tuple[str, ...]  # shown first, in a box: simulated data, data gaps
    sections: tuple[Section, ...]
    simulated: bool = False


@dataclass(frozen=True)
class Inputs:
    plan_title: str
    base_year: int
    end_year: int
    as_of: int
    kind: Kind
    results: Sequence[Evaluation]  # one region
    region: str
    leads: Mapping[int, str] = field(default_factory=dict)  # indicator number → 牵头单位
    series: Mapping[int, Mapping[int, float]] = field(default_factory=dict)  # observed values by year
    paths: Mapping[int, Mapping[int, float | None]] = field(default_factory=dict)  # yearly targets
    baselines: Mapping[int, float | None] = field(default_factory=dict)
    targets: Mapping[int, str] = field(default_factory=dict)  # the target as written
    commitments: Sequence[Commitment] = ()
    chapters: Sequence[tuple[str, int, int] | tuple[str, int, int, str]] = ()  # (title, tasks, projects[, progress])
    simulated: bool = False
    today: dt.date | None = None
    comparison: Sequence[tuple[str, Sequence[Evaluation]]] = ()  # every region's results, for 各地区比较
    categories: Mapping[int, str] = field(default_factory=dict)  # indicator number → 类别 (经济发展…)
    items: Sequence[WorkItem] = ()  # tasks, projects and commitments (the ledgers', or the plan's)
    ledger: bool = False  # the items carry ledger progress (else they are the plan's list only)
    sources: Sequence[str] = ()  # where the observations come from (数据来源)
    narrative: Mapping[str, str] = field(default_factory=dict)  # section code → text a person wrote


def numbered(level: int, n: int) -> str:
    """一、 （一） 1. （1） — the numbering of official documents."""
    return {1: f"{to_chinese_number(n)}、", 2: f"（{to_chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def numbered_sections(sections: Sequence[Section]) -> list[tuple[Section, str]]:
    """Top-level sections with their heading text (一、总体情况 …); the 附件 keeps its own title, unnumbered."""
    out, n = [], 0
    for sec in sections:
        if sec.title.startswith("附件"):
            out.append((sec, sec.title))
        else:
            n += 1
            out.append((sec, numbered(1, n) + sec.title))
    return out


def comparison(regions: Sequence[tuple[str, Sequence[Evaluation]]]) -> Section:
    """各地区比较: status counts per region, regions with most lagging binding indicators first."""
    labels = [label for label in STATUS_ORDER if any(e.label == label for _, rs in regions for e in rs)]
    rows = []
    for name, results in regions:
        counts = Counter(e.label for e in results)
        lagging_binding = sum(1 for e in results if e.binding and e.status in LAGGING)
        rows.append((lagging_binding, sum(1 for e in results if e.status in LAGGING), name,
                     tuple(str(counts[label]) for label in labels)))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    worst = [r[2] for r in rows if r[0] > 0][:5]
    return Section(1, "各地区比较", (
        f"对{len(regions)}个地区按同一指标体系和方法进行了评估，结果见表。" +
        (f"约束性指标滞后最多的地区：{'、'.join(worst)}。" if worst else "各地区均无滞后的约束性指标。"),),
        tables=(Table(("地区", *labels, "约束性指标滞后"),
                      tuple((name, *cells, str(lb)) for lb, _, name, cells in rows)),))


def summary(results: Sequence[Evaluation]) -> str:
    """23项主要指标中，X项…，其中约束性指标W项…"""
    counts = Counter(e.label for e in results)
    parts = "，".join(f"{counts[label]}项{label}" for label in STATUS_ORDER if counts[label])
    binding = [e for e in results if e.binding]
    b_counts = Counter(e.label for e in binding)
    b_parts = "、".join(f"{b_counts[label]}项{label}" for label in STATUS_ORDER if b_counts[label])
    return (f"{len(results)}项主要指标中，{parts}。其中约束性指标{len(binding)}项：{b_parts}。"
            if binding else f"{len(results)}项主要指标中，{parts}。")
