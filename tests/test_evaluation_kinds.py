"""Evaluation, kind by kind, against figures worked out by hand (the arithmetic is in each comment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.evaluation import Evaluation, Settings, evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import IndicatorSpec, plan_specs
from planwatch.core.observations import build_table

PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"


@pytest.fixture(scope="module")
def specs() -> list[IndicatorSpec]:
    plan = extract_plan(PLAN)
    return plan_specs(plan.indicators, 2020, 2025)


def run(specs: list[IndicatorSpec], rows: list[tuple[int, int, float] | tuple[int, int, float, str]],
        as_of: int, **settings: float) -> dict[int, Evaluation]:
    plan = extract_plan(PLAN)
    records = [{"indicator": str(r[0]), "year": str(r[1]), "value": str(r[2]), "flag": r[3] if len(r) > 3 else ""}
               for r in rows]
    table = build_table(records, plan.indicators, "示例区")
    return {e.no: e for e in evaluate(specs, table, as_of, Settings(**settings))}


def test_kinds_are_inferred_from_the_table(specs: list[IndicatorSpec]) -> None:
    assert [s.kind for s in specs] == ["growth_rate", "growth_rate", "level", "level", "ceiling", "floor",
                                      "cumulative", "range", "relational", "no_target", "level"]
    assert [s.direction for s in specs][:5] == ["higher", "higher", "higher", "lower", "lower"]


def test_growth_rate_compounds_the_annual_rates(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(1, 2021, 9.0), (1, 2022, 4.0)], 2022)[1]
    # √(1.09 × 1.04) − 1 = 6.4707 %; 6.4707 / 6.5 = 0.9955 ≥ 0.95
    assert (e.status, e.label, e.actual, e.ratio) == ("on_track", "基本符合预期", pytest.approx(6.4707, abs=1e-4),
                                                      pytest.approx(0.9955, abs=1e-4))
    # (1.065⁵ / 1.1336)^(1/3) − 1 = 6.5196 % a year still required
    assert e.required_rate == pytest.approx(6.5196, abs=1e-4)
    assert e.expected == 6.5


def test_a_growth_rate_series_is_never_put_through_a_cagr_of_its_own_values(specs: list[IndicatorSpec]) -> None:
    # 社零: the 2020 baseline rate is −9 %; a CAGR of rates (4.6 / −9) would be meaningless, so the baseline rate
    # plays no part: only the compounded yearly rates since 2020 count.
    e = run(specs, [(2, 2021, 4.6)], 2021)[2]
    assert (e.status, e.actual, e.ratio) == ("behind", 4.6, 0.46)


def test_growth_rate_met_early_when_the_five_year_growth_is_already_done(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(1, 2021, 20), (1, 2022, 20)], 2022)[1]  # 1.2² = 1.44 ≥ 1.065⁵ = 1.3701
    assert e.status == "achieved_early"


def test_growth_rate_final_evaluation(specs: list[IndicatorSpec]) -> None:
    rows = [(1, 2021, 9.0), (1, 2022, 4.0), (1, 2023, 5.0), (1, 2024, 5.0), (1, 2025, 5.0)]
    e = run(specs, rows, 2025)[1]  # (1.09·1.04·1.05³)^(1/5) − 1 = 5.586 % < 6.5 %
    assert (e.status, e.label, e.actual) == ("not_met", "未完成", pytest.approx(5.586, abs=1e-3))


def test_missing_years_are_left_out_and_flagged(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(1, 2021, 9.0), (1, 2023, 5.0)], 2023)[1]  # √(1.09·1.05) − 1 = 6.981 %
    assert e.actual == pytest.approx(6.981, abs=1e-3)
    assert "missing_years" in e.flags
    assert "2个年度增速" in e.explanation


def test_level_target_reversing_ahead_and_achieved_early(specs: list[IndicatorSpec]) -> None:
    assert run(specs, [(3, 2022, 2335)], 2022)[3].status == "reversing"  # below the 2470 baseline
    e = run(specs, [(3, 2023, 3100)], 2023)[3]
    # path: 2470·(3500/2470)^(3/5) = 3044.53; progress (3100 − 2470)/(3044.53 − 2470) = 1.0966
    assert (e.status, e.expected, e.ratio) == ("ahead", pytest.approx(3044.5254, abs=1e-3),
                                               pytest.approx(1.0966, abs=1e-4))
    # 3400 ≥ 3500 × (1 − 5 %): "3500左右" is reached a year early
    assert run(specs, [(3, 2024, 3400)], 2024)[3].status == "achieved_early"


def test_level_target_where_lower_is_better(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(4, 2022, 54.0)], 2022)[4]
    # linear path 55.6 → 50: 53.36 in 2022; progress (54 − 55.6)/(53.36 − 55.6) = 0.714
    assert (e.status, e.expected, e.ratio) == ("behind", 53.36, pytest.approx(0.7143, abs=1e-4))


def test_approximate_tolerance_is_a_setting(specs: list[IndicatorSpec]) -> None:
    assert run(specs, [(4, 2025, 52.0)], 2025)[4].status == "met"  # 52 ≤ 50 × 1.05
    assert run(specs, [(4, 2025, 52.0)], 2025, approx_tolerance=0.02)[4].status == "not_met"  # 52 > 51


def test_a_ceiling_crossed_once(specs: list[IndicatorSpec]) -> None:
    rows = [(5, 2021, 3.5), (5, 2022, 4.2), (5, 2023, 3.9)]
    e = run(specs, rows, 2023)[5]
    assert e.status == "on_track" and "有1个年度未守住上限" in e.explanation
    assert run(specs, rows, 2022)[5].status == "behind"
    final = run(specs, [*rows, (5, 2024, 3.8), (5, 2025, 3.7)], 2025)[5]
    assert final.status == "not_met"  # a ceiling must hold every year


def test_a_floor_held_every_year(specs: list[IndicatorSpec]) -> None:
    rows = [(6, y, 98.2) for y in range(2021, 2026)]
    assert run(specs, rows, 2025)[6].status == "met"


def test_cumulative_target_part_way(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(7, 2021, 3.0), (7, 2022, 2.0)], 2022)[7]
    # done: 1 − 0.97·0.98 = 4.94 %; due: 1 − 0.865^(2/5) = 5.636 %; ratio 0.8765
    assert (e.status, e.actual, e.expected, e.ratio) == (
        "behind", pytest.approx(4.94, abs=1e-4), pytest.approx(5.636, abs=1e-3), pytest.approx(0.8765, abs=1e-4))
    # still required each year: 1 − (0.865 / 0.9506)^(1/3) = 3.0965 %
    assert e.required_rate == pytest.approx(3.0965, abs=1e-4)
    assert e.binding


def test_cumulative_target_judged_on_the_five_year_total(specs: list[IndicatorSpec]) -> None:
    rows = [(7, 2021, 3.0), (7, 2022, 2.0), (7, 2023, 4.0), (7, 2024, 3.0), (7, 2025, 2.5)]
    e = run(specs, rows, 2025)[7]  # 1 − 0.97·0.98·0.96·0.97·0.975 = 13.693 % ≥ 13.5 %
    assert (e.status, e.actual) == ("met", pytest.approx(13.693, abs=1e-3))


def test_range_target_from_a_zero_baseline(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(8, 2023, 4)], 2023)[8]
    # zero baseline: linear path 0 → 5 (the lower bound): 3 by 2023; progress 4 / 3
    assert (e.status, e.expected, e.ratio) == ("ahead", 3.0, pytest.approx(1.3333, abs=1e-4))
    assert run(specs, [(8, 2025, 7)], 2025)[8].status == "met"


def test_relational_target_is_judged_against_the_other_indicator(specs: list[IndicatorSpec]) -> None:
    rows = [(1, 2021, 9.0), (9, 2021, 9.5), (1, 2022, 4.0), (9, 2022, 3.5)]
    assert run(specs, rows[:2], 2021)[9].status == "on_track"
    e = run(specs, rows, 2022)[9]
    assert (e.status, e.expected, e.actual) == ("behind", 4.0, 3.5)


def test_no_numeric_target_and_no_data(specs: list[IndicatorSpec]) -> None:
    result = run(specs, [(10, 2022, 90.0)], 2022)
    assert (result[10].status, result[10].label) == ("no_target", "无量化目标")
    assert (result[1].status, result[1].label, result[1].actual) == ("no_data", "无数据", None)


def test_a_level_without_baseline_starts_from_its_first_value(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(11, 2022, 2.0), (11, 2023, 2.6)], 2023)[11]
    # compound path from 2.0 (2022) to 4 (2025): 2·2^(1/3) = 2.5198 in 2023; progress 0.6 / 0.5198
    assert (e.status, e.expected, e.ratio) == ("ahead", pytest.approx(2.5198, abs=1e-4), pytest.approx(1.1542, abs=1e-4))


def test_partial_year_values_stand_in_only_for_rates(specs: list[IndicatorSpec]) -> None:
    result = run(specs, [(1, 2021, 9.0), (1, 2022, 4.0, "1-9月"), (3, 2022, 2049.4, "1-9月")], 2022)
    assert result[1].status == "on_track" and result[1].flags == ("partial",)
    assert "2022年为部分年度" in result[1].explanation
    assert result[3].status == "no_data"  # a nine-month amount is not an annual level


def test_expected_values_are_used_and_marked(specs: list[IndicatorSpec]) -> None:
    e = run(specs, [(3, 2022, 2900, "全年(预计)")], 2022)[3]
    assert "expected" in e.flags and "预计数" in e.explanation


def test_lagging_binding_indicators_come_first(specs: list[IndicatorSpec]) -> None:
    plan = extract_plan(PLAN)
    rows = [{"indicator": "2", "year": "2021", "value": "1"}, {"indicator": "7", "year": "2021", "value": "1"}]
    order = [e.no for e in evaluate(specs, build_table(rows, plan.indicators, "示例区"), 2021)]
    assert order[:2] == [7, 2]  # binding 能耗 lagging, then expected 社零 lagging, then the rest by number
