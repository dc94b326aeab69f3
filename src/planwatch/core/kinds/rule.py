"""The shape of one indicator kind's rule: everything the platform knows about a kind, in one object."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..explain import Cell, Cells, Pieces, Sentence
from ..model import Indicator
from ..spec import Direction, IndicatorSpec, PathMethod
from ..targets import Comparator, TargetExpr
from .block import Block

SHARE_UNITS = {"%", "‰", "个百分点"}


@dataclass(frozen=True)
class Row:
    """A 表1-1 row as detection reads it."""

    indicator: Indicator
    end_year: int
    name_direction: Direction | None  # what the name says (降低 → higher, 失业率 → lower), if anything
    direction: Direction | None  # the direction a person set for this indicator, if any


@dataclass(frozen=True)
class Reading:
    """What a kind reads off a row that it recognises: the spec, less the row's own facts (name, years…)."""

    direction: Direction
    target: float | None
    path: PathMethod
    reason: str  # why this kind and direction, shown in explanations
    comparator: Comparator | None
    target_max: float | None
    relative_to: str | None = None


@dataclass(frozen=True)
class Sample:
    """What simulated values (模拟数据, ``planwatch.synthetic``) of one indicator are drawn from: arrays over
    regions × years; ``pace`` is each region's speed along the path (1: on it), ``noise`` standard normal."""

    target: float
    baseline: float
    years: int
    k: npt.NDArray[np.float64]  # year offsets from the base year
    pace: npt.NDArray[np.float64]
    noise: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]  # region size


def along_the_path(s: Sample) -> npt.NDArray[np.float64]:
    """Levels from the baseline towards the target at each region's pace, scaled by region size."""
    t, b = s.target, s.baseline
    return (b + (t - b) * s.k / s.years * s.pace) * s.scale + s.noise * abs(t - b) * 0.05 * s.scale


@dataclass(frozen=True)
class KindRule:
    """One indicator kind. Every module that treats kinds differently asks the rule instead of branching.

    ``precedence`` orders detection, since a row can fit several kinds (``高于GDP增长`` is relational before it
    is anything else); ``rate_values`` says the values are yearly rates, so that a part-year rate may stand in for
    the year; ``aggregates`` whether a parent region's value may be derived from its children's (by unit:
    ``planwatch.core.rollup``); ``target_family`` what the target means when a lower plan's target is compared with
    the upper plan's (same family or not comparable; ``None``: never compared); ``reference_of`` finds the other
    indicator a rule judges against; ``needs_baseline`` that the yearly path starts from the baseline; ``end_of``
    the level the path runs to from its start (the target itself, or start + target for an increase)."""

    code: str
    label: str  # short name in tables (分解表 类型 column)
    description: str  # one line for people choosing a kind
    precedence: int
    detect: Callable[[Row], Reading | None]
    evaluate: Callable[[Block], None]  # vectorised: fills block.out for every row of the block
    explain: Callable[[Cell], Sentence]  # a result with a status of this kind (no data and no target are shared)
    path_note: Callable[[IndicatorSpec], str]  # the 说明 of the 分解表 row
    result_unit: str | None = None  # the unit of the results when not the indicator's (a rate: %)
    rate_values: bool = False
    aggregates: bool = True
    target_family: str | None = None
    reference_of: Callable[[IndicatorSpec, Sequence[IndicatorSpec]], int | None] | None = None
    simulate: Callable[[Sample], npt.NDArray[np.float64]] = along_the_path  # plausible values of this kind
    needs_baseline: bool = False
    end_of: Callable[[Any, Any], Any] = lambda start, target: target  # the end-year level a path runs to
    period_word: str = ""  # what the judged figure is when it is not the year's own: 年均 (growth), 累计 (totals)
    # the sentences of a group of results at once (one shape per group, one format per phrase); ``explain`` is then
    # the same for one cell (``explain.one_row``). None: ``explain`` runs cell by cell
    explain_rows: Callable[[Cells], Pieces] | None = None


def meets(value: float, comparator: Comparator | None, target: float) -> bool:
    return {"ge": value >= target, "gt": value > target, "le": value <= target, "lt": value < target,
            "eq": value == target}.get(comparator or "eq", False)


def path_for_unit(unit: str, baseline: float | None = None) -> PathMethod:
    """Shares and rates, and paths through zero, are linear; amounts compound."""
    return "linear" if unit in SHARE_UNITS or (baseline is not None and baseline <= 0) else "compound"


RATE_NAME = re.compile(r"(增长|增长率|增速|增幅)$")


def threshold(row: Row) -> TargetExpr:
    """The bound a row states: the target column's, else a ``＜5.5`` in the 年均/累计 column of an indicator that is
    not itself a growth rate (national 14th FYP: 城镇调查失业率 ``—`` / ``＜5.5``)."""
    ind = row.indicator
    t, g = ind.target, ind.growth
    if t.is_numeric or g.value is None or g.cumulative or g.comparator not in ("lt", "le", "gt", "ge"):
        return t
    return t if RATE_NAME.search(ind.name) else g
