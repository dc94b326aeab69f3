"""规划衔接: is a lower-level plan's target at least as strong as the upper-level target it implements?

A district's 单位GDP能耗降低 implements the city's; the district must not promise less. Two targets are
compared only when they mean the same thing at both levels:
- the same family of target (each kind's ``target_family``): an average growth rate (growth_rate), a
  five-year cumulative figure (cumulative), or an end-year level (level, ceiling, floor, range);
- units convertible into each other (万人 and 人, 亿元 and 万元; never % and 亿元);
- not a total: an end-year amount that sums over regions (GDP in 亿元, 人口 in 万人) is naturally smaller
  in a district than in its city, so comparing it says nothing — shares, per-capita levels, rates and
  reductions are compared.
“Weaker” follows the direction of the indicator: a lower growth rate or floor, a higher ceiling or
emission level. A 约束性 (binding) upper target kept only as 预期性 (expected) below is weaker as well.

>>> from planwatch.core.kinds import IndicatorSpec
>>> city = IndicatorSpec(1, "单位GDP能耗降低", "%", "cumulative", "higher", 14.5, None, None, None,
...                      2020, 2025, True, "geometric_cumulative")
>>> district = IndicatorSpec(7, "单位GDP能耗降低", "%", "cumulative", "higher", 13.5, None, None, None,
...                          2020, 2025, True, "geometric_cumulative")
>>> compare_targets(city, district).status
'weaker'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .errors import UnitMismatchError
from .indicator_names import name_key
from .kinds import KINDS, IndicatorSpec
from .rollup import Aggregation, default_aggregation
from .units import convert

AlignmentStatus = Literal["weaker", "not_weaker", "not_comparable"]
ALIGNMENT_LABELS: dict[AlignmentStatus, str] = {"weaker": "弱于上位目标", "not_weaker": "不弱于上位目标",
                                                "not_comparable": "不可比"}
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Alignment:
    """The verdict on one linked pair, with the two targets in the upper indicator's unit."""

    status: AlignmentStatus
    reason: str
    upper_target: float | None = None
    lower_target: float | None = None

    @property
    def label(self) -> str:
        return ALIGNMENT_LABELS[self.status]


def _fmt(x: float) -> str:
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def _strictest(spec: IndicatorSpec, target: float, target_max: float | None) -> float:
    """For a range (5—10家) the end a lower plan must at least match: the low end when higher is better."""
    if target_max is None:
        return target
    return target if spec.direction == "higher" else target_max


def compare_targets(upper: IndicatorSpec, lower: IndicatorSpec,
                    aggregation: Aggregation | None = None) -> Alignment:
    """Whether ``lower`` (the lower-level plan's indicator) is weaker than the ``upper`` one it implements.

    ``aggregation`` is the indicator's declared roll-up (求和/加权/不汇总); by default inferred from the unit."""
    family_u, family_l = KINDS[upper.kind].target_family, KINDS[lower.kind].target_family
    if upper.target is None or lower.target is None or family_u is None or family_l is None:
        missing = "上位指标" if upper.target is None or family_u is None else "本级指标"
        return Alignment("not_comparable", f"{missing}没有可比较的量化目标")
    if family_u != family_l:
        return Alignment("not_comparable", f"目标口径不同：上位为{family_u}，本级为{family_l}")
    try:
        lower_target = convert(_strictest(lower, lower.target, lower.target_max), lower.unit, upper.unit)
    except UnitMismatchError:
        return Alignment("not_comparable", f"单位不可换算：上位为{upper.unit or '无'}，本级为{lower.unit or '无'}")
    upper_target = _strictest(upper, upper.target, upper.target_max)
    if family_u == "期末水平" and (aggregation or default_aggregation(upper)) == "sum":
        return Alignment("not_comparable", "总量指标随地区规模不同，上下级目标不作比较",
                         upper_target, lower_target)
    direction = upper.direction
    gap = lower_target - upper_target if direction == "higher" else upper_target - lower_target
    better = "越高越好" if direction == "higher" else "越低越好"
    if gap < -_TOLERANCE:
        return Alignment("weaker", f"{better}，本级目标{_fmt(lower_target)}{upper.unit}"
                         f"{'低于' if direction == 'higher' else '高于'}上位目标{_fmt(upper_target)}{upper.unit}",
                         upper_target, lower_target)
    if upper.binding and not lower.binding:
        return Alignment("weaker", "上位指标为约束性，本级仅列为预期性", upper_target, lower_target)
    return Alignment("not_weaker", f"{better}，本级目标{_fmt(lower_target)}{upper.unit}不弱于上位目标"
                     f"{_fmt(upper_target)}{upper.unit}", upper_target, lower_target)


def _key(name: str) -> str:
    """Names differ in numbering, units in brackets, punctuation and width between plans: compare them as
    core.indicator_names does (one rule for every name written by a person or another plan)."""
    return name_key(name)


def suggest_links(lower: Sequence[IndicatorSpec], upper: Sequence[IndicatorSpec]) -> Mapping[int, int]:
    """Lower indicator number → upper indicator number, where the names are the same once normalised.

    Only suggestions: the planning staff confirm each link, because equal names can still differ in 口径."""
    by_name: dict[str, int] = {}
    for spec in upper:
        by_name.setdefault(_key(spec.name), spec.no)
    return {spec.no: by_name[_key(spec.name)] for spec in lower if _key(spec.name) in by_name}
