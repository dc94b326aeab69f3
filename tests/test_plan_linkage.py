"""规划衔接: a lower plan's target compared with the upper target it implements (planwatch.core.linkage)."""

from __future__ import annotations

import pytest

from planwatch.core.kinds import IndicatorSpec
from planwatch.core.linkage import compare_targets, suggest_links


def spec(name: str, unit: str, kind: str, direction: str, target: float | None, *, target_max: float | None = None,
         binding: bool = False, no: int = 1) -> IndicatorSpec:
    return IndicatorSpec(no, name, unit, kind, direction, target, target_max, None, None,  # type: ignore[arg-type]
                         2020, 2025, binding, "constant")


# upper (city) | lower (district) | verdict
CASES = [
    ("faster growth promised below", spec("地区生产总值增长", "%", "growth_rate", "higher", 6.5),
     spec("地区生产总值增长", "%", "growth_rate", "higher", 7.0), "not_weaker"),
    ("slower growth below", spec("地区生产总值增长", "%", "growth_rate", "higher", 6.5),
     spec("地区生产总值增长", "%", "growth_rate", "higher", 6.0), "weaker"),
    ("equal cumulative reduction", spec("单位GDP能耗降低", "%", "cumulative", "higher", 13.5, binding=True),
     spec("单位GDP能耗降低", "%", "cumulative", "higher", 13.5, binding=True), "not_weaker"),
    ("smaller cumulative reduction", spec("单位GDP能耗降低", "%", "cumulative", "higher", 14.5, binding=True),
     spec("单位GDP能耗降低", "%", "cumulative", "higher", 13.5, binding=True), "weaker"),
    ("higher ceiling below", spec("城镇调查失业率", "%", "ceiling", "lower", 5.5),
     spec("城镇调查失业率", "%", "ceiling", "lower", 6.0), "weaker"),
    ("tighter ceiling below", spec("城镇调查失业率", "%", "ceiling", "lower", 5.5),
     spec("城镇调查失业率", "%", "ceiling", "lower", 5.0), "not_weaker"),
    ("lower floor below", spec("森林覆盖率", "%", "floor", "higher", 40.0),
     spec("森林覆盖率", "%", "floor", "higher", 38.0), "weaker"),
    ("share in other unit form (％)", spec("常住人口城镇化率", "%", "level", "higher", 85.0),
     spec("常住人口城镇化率", "％", "level", "higher", 86.0), "not_weaker"),
    ("binding kept only as expected", spec("单位GDP二氧化碳排放降低", "%", "cumulative", "higher", 18.0, binding=True),
     spec("单位GDP二氧化碳排放降低", "%", "cumulative", "higher", 18.0), "weaker"),
    ("totals are not compared", spec("地区生产总值", "亿元", "level", "higher", 9000.0),
     spec("地区生产总值", "亿元", "level", "higher", 3000.0), "not_comparable"),
    ("growth rate against a level", spec("地区生产总值增长", "%", "growth_rate", "higher", 6.5),
     spec("地区生产总值增长", "%", "level", "higher", 6.5), "not_comparable"),
    ("no target below", spec("研发投入强度", "%", "level", "higher", 3.0),
     spec("研发投入强度", "%", "no_target", "higher", None), "not_comparable"),
    ("range: its low end counts", spec("非化石能源占比", "%", "range", "higher", 20.0, target_max=25.0),
     spec("非化石能源占比", "%", "range", "higher", 18.0, target_max=30.0), "weaker"),
    ("a count sums over regions", spec("新增新型研发机构", "家", "range", "higher", 5.0, target_max=10.0),
     spec("新增新型研发机构", "家", "range", "higher", 4.0, target_max=12.0), "not_comparable"),
]


@pytest.mark.parametrize(("upper", "lower", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verdict(upper: IndicatorSpec, lower: IndicatorSpec, expected: str) -> None:
    assert compare_targets(upper, lower).status == expected


def test_units_are_converted_into_the_upper_unit() -> None:
    upper = spec("人均可支配收入", "元/人", "level", "higher", 60000.0)
    lower = spec("人均可支配收入", "万元/人", "level", "higher", 5.5)
    verdict = compare_targets(upper, lower)
    assert (verdict.status, verdict.lower_target, verdict.upper_target) == ("weaker", 55000.0, 60000.0)
    assert "55,000" in verdict.reason and "低于" in verdict.reason


def test_units_of_different_dimensions_are_not_compared() -> None:
    verdict = compare_targets(spec("研发投入强度", "%", "level", "higher", 3.0),
                              spec("研发投入强度", "亿元", "level", "higher", 30.0))
    assert verdict.status == "not_comparable" and "单位不可换算" in verdict.reason


def test_declared_aggregation_overrides_the_unit() -> None:
    upper, lower = spec("新增新型研发机构", "家", "level", "higher", 10.0), spec("新增新型研发机构", "家", "level", "higher", 5.0)
    assert compare_targets(upper, lower).status == "not_comparable"
    assert compare_targets(upper, lower, aggregation="none").status == "weaker"


def test_links_are_suggested_by_normalised_name() -> None:
    upper = [spec("单位GDP能耗降低", "%", "cumulative", "higher", 13.5, no=9),
             spec("常住人口城镇化率", "%", "level", "higher", 85.0, no=4)]
    lower = [spec("单位ＧＤＰ能耗降低", "%", "cumulative", "higher", 13.5, no=15),
             spec("常住人口 城镇化率", "%", "level", "higher", 85.0, no=2),
             spec("新增新型研发机构", "家", "level", "higher", 5.0, no=3)]
    assert dict(suggest_links(lower, upper)) == {15: 9, 2: 4}
