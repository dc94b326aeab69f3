"""Targets of real plans mean what the plan says (issue #12, item 10): the national 14th and 15th FYP tables.

The national tables write many targets in the 年均/累计 column, beside a ``—`` in the target column:
``高于GDP增长`` and ``与GDP增长基本同步`` are judged each year against the plan's own GDP indicator (国内生产总值（GDP）
增长, not Jinpu's 地区生产总值增长), named in the sentence; ``〔13.5〕`` is a five-year total of yearly reductions;
``〔1〕`` 岁 and ``〔6〕`` 百分点 are increases in the indicator's own unit; ``＜5.5`` / ``＞6.5`` are bounds checked
every year, with or without a baseline; ``保持在合理区间`` is 无量化目标 whether or not values are reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.decompose import decompose
from planwatch.core.evaluation import Evaluation, evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.model import Plan
from planwatch.core.observations import build_table

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real plans is not at hand")


@pytest.fixture(scope="module")
def national() -> Plan:
    return extract_plan(REAL / "national-14th-fyp.txt")


def _evaluate(plan: Plan, values: dict[int, dict[int, float]], as_of: int) -> dict[int, Evaluation]:
    rows = [{"indicator": str(no), "year": str(y), "value": str(v)} for no, ys in values.items() for y, v in ys.items()]
    specs = plan_specs(plan.indicators, 2020, 2025)
    return {e.no: e for e in evaluate(specs, build_table(rows, plan.indicators, default_region="全国"), as_of)}


def test_each_target_is_read_from_the_column_it_is_written_in(national: Plan) -> None:
    specs = {s.no: s for s in plan_specs(national.indicators, 2020, 2025)}
    assert {no: (s.kind, s.target, s.comparator) for no, s in specs.items()} == {
        1: ("no_target", None, None),  # 保持在合理区间、各年度视情提出
        2: ("relational", None, "gt"),  # 高于GDP增长
        3: ("level", 65.0, "eq"),
        4: ("growth_rate", 7.0, "gt"),  # ＞7、力争…
        5: ("level", 12.0, "eq"),
        6: ("level", 10.0, "eq"),
        7: ("relational", None, "approx"),  # 与GDP增长基本同步
        8: ("ceiling", 5.5, "lt"),  # ＜5.5 in the 年均/累计 column: a bound, not a growth rate
        9: ("level", 11.3, "eq"),
        10: ("level", 3.2, "eq"),
        11: ("level", 95.0, "eq"),
        12: ("level", 4.5, "eq"),
        13: ("increase", 1.0, "ge"),  # 〔1〕 岁: one year more than 77.3 (2019)
        14: ("cumulative", 13.5, "eq"),  # 〔13.5〕
        15: ("cumulative", 18.0, "eq"),  # 〔18〕
        16: ("level", 87.5, "eq"),
        17: ("level", 85.0, "eq"),
        18: ("level", 24.1, "eq"),
        19: ("floor", 6.5, "gt"),  # ＞6.5 without a baseline ("—")
        20: ("floor", 46.0, "gt"),
    }
    assert (specs[3].baseline_year, specs[3].base_year) == (2019, 2020)  # 60.6* is 2019's; the period is 2021–2025


def test_a_relational_target_is_judged_each_year_against_the_plans_own_gdp(national: Plan) -> None:
    # 国内生产总值（GDP）增长 8.1, 3.0; 全员劳动生产率 8.7, 4.2 (higher both years); 居民收入 8.1, 2.9 (within 0.5)
    e = _evaluate(national, {1: {2021: 8.1, 2022: 3.0}, 2: {2021: 8.7, 2022: 4.2}, 7: {2021: 8.1, 2022: 2.9}}, 2022)
    assert (e[2].status, e[2].expected) == ("on_track", 3.0)
    assert e[2].explanation == "2022年为4.2%，对比指标“国内生产总值（GDP）增长”为3%，要求高于该指标。"
    assert e[7].status == "on_track" and "“国内生产总值（GDP）增长”为3%，要求基本同步于该指标" in e[7].explanation
    lower = _evaluate(national, {1: {2021: 8.1, 2022: 3.0}, 2: {2021: 8.7, 2022: 2.5}}, 2022)
    assert lower[2].status == "behind"  # 2.5 is not higher than 3.0 in 2022


def test_a_five_year_total_in_the_growth_column_is_judged_binding_first(national: Plan) -> None:
    # 能耗降低 2.7, 0.1: 1 − 0.973·0.999 = 2.80 % done; due by 2022: 1 − 0.865^(2/5) = 5.64 %; 2.80/5.64 = 0.4963
    e = _evaluate(national, {14: {2021: 2.7, 2022: 0.1}, 5: {2021: 7.5, 2022: 9.4}}, 2022)
    assert (e[14].status, e[14].actual, e[14].expected, e[14].ratio) == ("behind", 2.7973, 5.636, 0.4963)
    assert e[14].actual_text == "当年0.1%（2022）；累计2.8%"
    assert next(iter(e)) == 14  # evaluate() lists lagging binding indicators first (5 专利 is ahead)


def test_an_increase_of_one_year_is_in_years_not_percent(national: Plan) -> None:
    # baseline 77.3 in 2019, 〔1〕: 78.3 by 2025 on a straight line from 2019: 77.3 + 1·2/6 = 77.63 due in 2021
    e = _evaluate(national, {13: {2021: 78.2}}, 2022)[13]
    assert (e.kind, e.status, e.expected, e.actual, e.ratio) == ("increase", "ahead", 77.6333, 78.2, 2.7)
    assert e.explanation.startswith("2021年实际78.2岁，按年度目标路径此时应为77.63岁，从基期77.3岁起已完成应有进度的270%")
    final = _evaluate(national, {13: {2021: 78.2, 2023: 78.6, 2024: 79.0, 2025: 79.25}}, 2025)[13]
    assert final.status == "met" and final.explanation.endswith("达到目标“≥78.3岁”。")
    path = {row.no: row.values for row in decompose(plan_specs(national.indicators, 2020, 2025))}[13]
    assert path[2025] == 78.3 and path[2022] == 77.8  # 77.3 + 3/6: the 分解表 (and the chart) follow that path


def test_an_increase_in_percentage_points_is_not_a_percent() -> None:
    fifteenth = extract_plan(REAL / "national-15th-main-indicators.csv")
    spec = {s.no: s for s in plan_specs(fifteenth.indicators, 2025, 2030)}[13]  # 12.3岁以下婴幼儿入托率提高
    assert (spec.name, spec.unit, spec.kind, spec.target) == ("3岁以下婴幼儿入托率提高", "百分点", "increase", 6.0)


def test_a_missing_baseline_is_never_replaced_silently() -> None:
    """Jinpu 16 托位数 has no baseline ("—"): its first reported year is the start, and the sentence says so."""
    jinpu = extract_plan(Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "plans" /
                         "jinpu-14th-fyp.txt")
    specs = plan_specs(jinpu.indicators, 2020, 2025)
    rows = [{"indicator": "16", "year": str(y), "value": str(v)} for y, v in ((2021, 3.38), (2022, 3.53))]
    e = next(r for r in evaluate(specs, build_table(rows, jinpu.indicators, default_region="金普新区"), 2022)
             if r.no == 16)
    assert "基期值缺失，以2021年实际值3.38个为起点" in e.explanation


def test_a_strict_bound_is_checked_every_year(national: Plan) -> None:
    # 城镇调查失业率 ＜5.5: 5.1, 5.6 (broken in 2022), 5.2 …; 粮食 ＞6.5 without a baseline: held every year
    values = {8: {2021: 5.1, 2022: 5.6, 2023: 5.2, 2024: 5.1, 2025: 5.2},
              19: {2021: 6.83, 2022: 6.87, 2023: 6.95, 2024: 7.07, 2025: 7.15}}
    e = _evaluate(national, values, 2022)
    assert (e[8].status, e[19].status) == ("behind", "on_track")
    assert e[8].explanation == "2022年为5.6%，上限为5.5%；2021—2022年有1个年度未守住上限。"
    final = _evaluate(national, values, 2025)
    assert (final[8].status, final[19].status) == ("not_met", "met")


def test_no_numeric_target_is_no_target_whether_or_not_values_are_reported(national: Plan) -> None:
    assert _evaluate(national, {3: {2021: 64.72}}, 2022)[1].status == "no_target"  # GDP 保持在合理区间: no value
    assert _evaluate(national, {1: {2021: 8.1}}, 2022)[1].status == "no_target"
    jinpu = extract_plan(Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "plans" /
                         "jinpu-14th-fyp.txt")
    specs = plan_specs(jinpu.indicators, 2020, 2025)  # 22 地表水 —⑤, ⑤最终以市目标下达为准
    rows = [{"indicator": "23", "year": "2021", "value": "33.1"}]  # a value of another indicator only
    e = next(r for r in evaluate(specs, build_table(rows, jinpu.indicators, default_region="金普新区"), 2022)
             if r.no == 22)
    assert (e.status, e.label, e.explanation) == ("target_pending", "目标待下达",
                                                  "目标待下达（⑤最终以市目标下达为准），暂不评价。")


def test_a_target_written_in_words_is_named_once_in_the_sentence(national: Plan) -> None:
    gdp = _evaluate(national, {1: {2021: 8.4, 2022: 3.0}}, 2022)[1]
    assert gdp.status == "no_target"
    assert gdp.explanation.startswith("规划未设定量化目标（保持在合理区间、各年度视情提出），仅观察趋势。")
    assert gdp.explanation.count("未设定量化目标") == 1
