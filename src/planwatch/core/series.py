"""Which reported value counts: one value per indicator × region × year, chosen from every candidate by one
explicit priority. The evaluation (through :meth:`ObservationTable.chosen`, vectorised), the charts, the tables,
the reports, the exports and the API all read the value this module chooses, so a chart never shows another
figure than the status beside it.

Before the choice, the audience decides which candidates exist at all: the public sees published values only,
staff every value but a returned one (``web.monitoring.services.visible_observations``); a year without a
candidate stays not reported (never 0). Of the candidates of one indicator, region and year, the first rule of
:data:`PRIORITY` on which two candidates differ decides:

1. 全年数 over 预计数 over 部分年度数 (``1-9月``, a quarter, a month);
2. of part-year values, the one reaching furthest into the year (Q2 over Q1, 1-9月 over 1-6月);
3. a reported value over a simulated one (模拟数据);
4. an official source (a gov.cn address) over any other;
5. the earlier one (the line of the file, or the order in which the values were entered).

>>> picked = choose([Candidate(1, "金普新区", 2022, 4.0, PARTIAL, months=9),
...                  Candidate(1, "金普新区", 2022, 4.2, EXPECTED),
...                  Candidate(1, "金普新区", 2022, 4.5, FINAL, simulated=True)])
>>> picked[1, "金普新区", 2022].value, picked[1, "金普新区", 2022].reason
(4.5, '全年数优先于预计数，预计数优先于部分年度数')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.integer[Any]]
Bools = npt.NDArray[np.bool_]

FINAL, EXPECTED, PARTIAL = 0, 1, 2  # in order of preference
FLAG_NAMES = {FINAL: "final", EXPECTED: "expected", PARTIAL: "partial"}
FLAG_LABELS = {FINAL: "全年", EXPECTED: "预计数", PARTIAL: "部分年度"}

# (rule, its sentence), in order: the first rule on which two candidates differ decides
PRIORITY: tuple[tuple[str, str], ...] = (
    ("flag", "全年数优先于预计数，预计数优先于部分年度数"),
    ("months", "部分年度数中取最新的期间"),
    ("simulated", "实际数优先于模拟数据"),
    ("official", "政府网站（gov.cn）来源优先"),
    ("order", "同等情况下取先出现的一行"),
)
ONLY = "唯一数值"  # the reason when a year has one candidate
CHOICE_RULE = "同一指标、年份、地区有多个数值时：" + "；".join(sentence for _, sentence in PRIORITY) + "。"


def is_official(source: str) -> bool:
    """A government website's address (gov.cn) is an official source."""
    return "gov.cn" in source


def is_simulated(source: str) -> bool:
    """A file's row is simulated when its source says so (模拟数据); the database keeps a flag of its own."""
    return "模拟" in source


def pick(indicator: Ints, region: Ints, year: Ints, flag: Ints, months: Ints, simulated: Bools, official: Bools,
         order: Ints) -> npt.NDArray[np.int64]:
    """Positions of the chosen candidate of each (indicator, region, year), in key order: :data:`PRIORITY`
    vectorised (one sort, whatever the number of rows)."""
    if len(indicator) == 0:
        return np.zeros(0, dtype=np.int64)
    ranked = np.lexsort((order, ~official, simulated, -months.astype(np.int64), flag, region, year, indicator))
    ind, yr, reg = indicator[ranked], year[ranked], region[ranked]
    first = np.ones(len(ranked), dtype=bool)
    first[1:] = (ind[1:] != ind[:-1]) | (yr[1:] != yr[:-1]) | (reg[1:] != reg[:-1])
    chosen: npt.NDArray[np.int64] = ranked[first].astype(np.int64)
    return chosen


@dataclass(frozen=True)
class Candidate:
    """One reported value for an indicator, region and year: its flag, how far into the year a part-year value
    reaches (``months``), the period as written, its source and whether it is simulated."""

    indicator: int
    region: str
    year: int
    value: float
    flag: int = FINAL
    period: str = ""
    months: int = 0
    source: str = ""
    simulated: bool = False


@dataclass(frozen=True)
class Choice:
    """The value that counts, what it is, how many candidates it was chosen from and the rule that decided."""

    value: float
    flag: int
    period: str
    source: str
    simulated: bool
    candidates: int
    reason: str
    position: int = -1  # where the chosen candidate stood in the list given to choose(): which row counts

    @property
    def label(self) -> str:
        """全年 / 预计数 / 部分年度, for a table or a chart's tooltip."""
        return FLAG_LABELS[self.flag]


def _rank(c: Candidate) -> tuple[int, int, bool, bool]:
    return c.flag, -c.months, c.simulated, not is_official(c.source)


def choose(candidates: Sequence[Candidate]) -> dict[tuple[int, str, int], Choice]:
    """The chosen value per (indicator, region, year), with the reason it was chosen over the runner-up."""
    if not candidates:
        return {}
    regions = {name: i for i, name in enumerate(dict.fromkeys(c.region for c in candidates))}
    chosen = pick(np.array([c.indicator for c in candidates]), np.array([regions[c.region] for c in candidates]),
                  np.array([c.year for c in candidates]), np.array([c.flag for c in candidates]),
                  np.array([c.months for c in candidates]), np.array([c.simulated for c in candidates]),
                  np.array([is_official(c.source) for c in candidates]), np.arange(len(candidates)))
    groups: dict[tuple[int, str, int], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.indicator, c.region, c.year), []).append(c)
    result: dict[tuple[int, str, int], Choice] = {}
    for position in chosen.tolist():
        best = candidates[position]
        key = (best.indicator, best.region, best.year)
        others = [c for c in groups[key] if c is not best]
        reason = ONLY
        if others:
            runner_up = min(others, key=_rank)  # min keeps the earliest of equals, as the sort does
            mine, theirs = _rank(best), _rank(runner_up)
            reason = next((PRIORITY[i][1] for i in range(len(mine)) if mine[i] != theirs[i]), PRIORITY[-1][1])
        result[key] = Choice(best.value, best.flag, best.period, best.source, best.simulated, len(groups[key]),
                             reason, position)
    return result
