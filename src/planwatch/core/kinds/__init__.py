"""The registry of indicator kinds: what a target means and how progress towards it is judged.

Every kind is one :class:`~planwatch.core.kinds.rule.KindRule` in :data:`KINDS`, keyed by its ``kind`` code, and
owns everything that differs between kinds: how it is recognised in a 表1-1 row, its direction and yearly path,
its vectorised evaluation step, the phrases of its explanation, whether it aggregates over regions and how it is
compared with an upper plan's target. Evaluation, explanation, decomposition, roll-ups, plan alignment and the
exports ask the rule; adding a kind is one new module and one entry here. A kind is inferred from the table row
(see :func:`infer_spec`) and can be overridden per indicator.

=================  =========================================  ===================================
kind               written in the plan                         judged by
=================  =========================================  ===================================
``growth_rate``    ``6.5`` in 年均增长 for 地区生产总值增长          compound average of the annual rates
``level``          ``25.92以上`` ``50左右`` ``30`` from a baseline  progress along the yearly target path
``ceiling``        ``＜4`` ``…以内`` already met at the baseline  met or not, every year
``floor``          ``≥98`` ``33`` already met at the baseline     met or not, every year
``cumulative``     ``[13.5]`` five-year total (降低 rates)        1 − Π(1 − r) against 1 − (1 − X)^(t/5)
``increase``       ``〔1〕`` 岁, ``〔6〕`` 百分点 in 年均/累计          a level: baseline + X, linear path
``range``          ``5—10``                                     progress to the lower bound; inside
``relational``     ``高于GDP增长`` ``与经济增长基本同步``            the other indicator's value, each year
``no_target``      ``—`` ``保持在合理区间``                        trend only
=================  =========================================  ===================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..model import Indicator
from ..spec import Direction, IndicatorSpec, Kind, PathMethod
from . import bounds, cumulative, growth_rate, increase, level, no_target, relational
from .rule import KindRule, Reading, Row

__all__ = ["KINDS", "Direction", "IndicatorSpec", "Kind", "KindRule", "PathMethod", "Reading", "Row", "infer_spec",
           "plan_specs"]

KINDS: dict[str, KindRule] = {rule.code: rule for rule in (
    growth_rate.RULE, level.LEVEL, bounds.CEILING, bounds.FLOOR, cumulative.RULE, increase.RULE, level.RANGE,
    relational.RULE, no_target.RULE)}

# The value itself is a reduction or a rate of improvement: a bigger number is better (能耗降低 13.5 %).
_REDUCTION_NAME = re.compile(r"(降低|下降|减少|削减)(率|幅度)?$")
_PENDING = re.compile(r"以.{0,6}目标下达为准|待.{0,4}下达")  # 最终以市目标下达为准: a target is still to come
_LOWER_IS_BETTER = re.compile(r"失业率|死亡率|发生率|能耗|排放量|浓度|事故|贫困|负债率|空置率|PM2\.5")


def _direction_from_name(name: str) -> Direction | None:
    if _REDUCTION_NAME.search(name):
        return "higher"
    if _LOWER_IS_BETTER.search(name):
        return "lower"
    return None


def detect(row: Row) -> tuple[KindRule, Reading]:
    """The first kind, in order of precedence, that recognises the row (a numeric target is at least a level)."""
    for rule in sorted(KINDS.values(), key=lambda r: r.precedence):
        reading = rule.detect(row)
        if reading is not None:
            return rule, reading
    raise AssertionError(f"no kind recognises indicator {row.indicator.no}")  # level takes any numeric target


def infer_spec(ind: Indicator, base_year: int, end_year: int,
               kind: Kind | None = None, direction: Direction | None = None,
               tolerance: float | None = None) -> IndicatorSpec:
    """Infer kind, direction and path from a 表1-1 row; ``kind``/``direction`` override the inference and
    ``tolerance`` is the indicator's own slack for 左右 (None: ``Settings.approx_tolerance``). The period is the
    plan's (``base_year``); a baseline of another year (``60.6*``: 2019) keeps its own year."""
    rule, reading = detect(Row(ind, end_year, _direction_from_name(ind.name), direction))
    code = kind or rule.code
    pending = next((note for note in ind.notes if code == "no_target" and _PENDING.search(note)), None)
    return IndicatorSpec(
        no=ind.no, name=ind.name, unit=ind.unit, kind=code, direction=direction or reading.direction,
        target=reading.target, target_max=reading.target_max, comparator=reading.comparator,
        baseline=ind.baseline_value, base_year=base_year, end_year=ind.target_year or end_year,
        binding=ind.attribute == "binding", path=reading.path, relative_to=reading.relative_to,
        reason=pending or reading.reason, approx_tolerance=tolerance,
        baseline_year=ind.baseline_year if ind.baseline_year != base_year else None, target_pending=bool(pending))


def plan_specs(indicators: Sequence[Indicator], base_year: int, end_year: int,
               kinds: Mapping[int, Kind] | None = None,
               directions: Mapping[int, Direction] | None = None,
               tolerances: Mapping[int, float] | None = None) -> list[IndicatorSpec]:
    """Specs for a plan's indicators, with per-indicator overrides of kind, direction and 左右 tolerance."""
    kinds, directions, tolerances = kinds or {}, directions or {}, tolerances or {}
    return [infer_spec(i, base_year, end_year, kinds.get(i.no), directions.get(i.no), tolerances.get(i.no))
            for i in indicators]
