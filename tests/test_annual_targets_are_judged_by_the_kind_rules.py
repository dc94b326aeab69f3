"""core.annual: an annual target (年度目标) is judged by the indicator's own rule as a one-year plan, with its 左右
tolerance — the arithmetic written out beside each case — and never by a second rule."""

from __future__ import annotations

import pytest

from planwatch.core.annual import annual_spec, decomposed_target, judge_year
from planwatch.core.kinds import IndicatorSpec
from planwatch.core.observations import PARTIAL
from planwatch.core.targets import parse_target

GDP = IndicatorSpec(1, "地区生产总值增长", "%", "growth_rate", "higher", 6.5, None, "ge", None, 2020, 2025, False,
                    "constant")
JOBLESS = IndicatorSpec(8, "城镇调查失业率", "%", "ceiling", "lower", 5.5, None, "lt", 5.2, 2020, 2025, False,
                        "constant")
URBAN = IndicatorSpec(3, "常住人口城镇化率", "%", "level", "higher", 65, None, "eq", 60.6, 2020, 2025, False, "linear")
ENERGY = IndicatorSpec(14, "单位GDP能源消耗降低", "%", "cumulative", "higher", 13.5, None, "eq", None, 2020, 2025, True,
                       "geometric_cumulative")
NATIONAL_GDP = IndicatorSpec(1, "国内生产总值（GDP）增长", "%", "no_target", "higher", None, None, None, 2.3, 2020, 2025,
                             False, "none")


@pytest.mark.parametrize(("spec", "target", "before", "value", "status"), [
    (GDP, "5.5左右", None, 5.3, "met"),  # 5.3 ≥ 5.5 × (1 − 0.05) = 5.225
    (GDP, "5.5左右", None, 5.2, "not_met"),  # 5.2 < 5.225
    (GDP, "6", None, 6.0, "met"),  # a plain rate is a floor: 6.0 ≥ 6
    (GDP, "≥6", None, 5.9, "not_met"),
    (JOBLESS, "5.5左右", 5.1, 5.7, "met"),  # lower is better: 5.7 ≤ 5.5 × 1.05 = 5.775
    (JOBLESS, "5.5左右", 5.1, 5.8, "not_met"),  # 5.8 > 5.775
    (JOBLESS, "＜5.5", 5.1, 5.5, "not_met"),  # strictly below
    (URBAN, "67", 66.16, 67.0, "met"),  # a level: 67.0 ≥ 67
    (URBAN, "67", 66.16, 66.9, "not_met"),
    (ENERGY, "2.5左右", None, 3.0, "met"),  # the year's reduction 3 % ≥ 2.5 %
    (ENERGY, "3", None, 2.0, "not_met"),
    (NATIONAL_GDP, "5左右", 5.2, 5.0, "met"),  # no five-year figure: the year's growth rate, 5.0 ≥ 4.75
    (URBAN, "67", 66.16, None, "no_data"),  # not reported is not 0
])
def test_the_year_is_judged_by_the_indicators_rule(spec: IndicatorSpec, target: str, before: float | None,
                                                   value: float | None, status: str) -> None:
    result = judge_year(spec, 2024, parse_target(target), before, value)
    assert result is not None and result.status == status


def test_the_indicators_own_tolerance_decides_about_a_figure() -> None:
    tight = IndicatorSpec(**{**GDP.__dict__, "approx_tolerance": 0.01})
    assert judge_year(GDP, 2024, parse_target("5.5左右"), None, 5.3).status == "met"  # type: ignore[union-attr]
    assert judge_year(tight, 2024, parse_target("5.5左右"), None, 5.3).status == "not_met"  # type: ignore[union-attr]
    # 5.3 < 5.5 × 0.99 = 5.445


def test_a_part_year_rate_stands_for_the_year_and_says_so() -> None:
    result = judge_year(GDP, 2026, parse_target("5左右"), None, 5.1, PARTIAL)
    assert result is not None and result.status == "met" and "partial" in result.flags


def test_a_target_in_words_or_relative_to_another_is_not_judged() -> None:
    assert annual_spec(GDP, 2024, parse_target("保持在合理区间")) is None
    assert judge_year(GDP, 2024, parse_target("与经济增长同步"), None, 5.0) is None


def test_the_decomposition_is_written_as_a_target() -> None:
    assert decomposed_target(GDP, 6.5) == "≥6.5"
    assert decomposed_target(JOBLESS, 5.5) == "＜5.5"
    assert decomposed_target(URBAN, 62.4567) == "62.46"
    assert decomposed_target(URBAN, None) is None
    yearly = float(decomposed_target(ENERGY, 5.5) or "nan")  # each year's share of the five-year 13.5 %
    assert (1 - (1 - yearly / 100) ** 5) * 100 == pytest.approx(13.5, abs=0.01)
