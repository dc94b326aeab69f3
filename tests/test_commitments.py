"""Quantitative, forward-looking commitments in the text and the 专栏."""

from __future__ import annotations

import pytest

from planwatch.core.commitments import find_commitments
from planwatch.core.model import Commitment, Plan

# quantity as written → deadline, recurring, value, value_max, unit, comparator, change, base_year, node
EXPECTED = {
    "全区新增品牌连锁便利店达到150家以上": (2025, False, 150, None, "家", "ge", "increase", None, "ch4/s5/col4-2"),
    "2022年底前完成70%功能区政务应用系统上云": (2022, False, 70, None, "%", "ge", None, None, "ch3/s4/col3-4"),
    "每年创建25个以上美丽宜居村庄": (2025, True, 25, None, "个", "ge", None, None, "ch6/s4/col6-3"),
    "新增新型研发机构5—10家": (2025, False, 5, 10, "家", "range", "increase", None, "ch2/s1"),
    "确保柴油货车污染排放总量比2020年下降40%": (2025, False, 40, None, "%", "ge", "decrease", 2020, "ch7/s2/col7-2"),
    "新区大陆自然岸线整治修复长度不低于16.54公里": (2025, False, 16.54, None, "公里", "ge", None, None,
                                                 "ch7/s1/col7-1"),
    "停车泊位与机动车比例不低于1.2∶1": (2025, False, 1.2, None, "∶1", "ge", None, None, "ch8/s2"),
    "全员劳动生产率达到28万元/人": (2025, False, 28, None, "万元/人", "ge", None, None, "ch1/s5"),
    "地区生产总值年均增长6.5%以上": (2025, False, 6.5, None, "%", "ge", "increase", None, "ch1/s5"),
    "工业增加值占地区生产总值比重保持在50%左右": (2025, False, 50, None, "%", "approx", None, None, "ch1/s5"),
    "常住人口规模达到180万人": (2025, False, 180, None, "万人", "ge", None, None, "ch1/s5"),
    "2023—2025年，5G基站数达到6000个以上": (2025, False, 6000, None, "个", "ge", None, None, "ch8/s1/col8-1"),
    "到2022年，新区劣Ⅴ类水全面清除": None,  # no figure: not a quantitative commitment
}


def _by_quantity(plan: Plan) -> dict[str, Commitment]:
    return {c.quantity: c for c in plan.commitments}


@pytest.mark.parametrize("quantity", [q for q, v in EXPECTED.items() if v], ids=lambda q: q[:12])
def test_it_finds_the_commitment_with_its_figure_and_deadline(jinpu: Plan, quantity: str) -> None:
    found = {c.quantity.split("，")[-1]: c for c in jinpu.commitments}
    key = quantity.split("，")[-1]
    assert key in found, f"missing: {quantity}"
    c = found[key]
    expected = EXPECTED[quantity]
    assert (c.deadline, c.recurring, c.value, c.value_max, c.unit, c.comparator, c.change, c.base_year, c.node) == (
        expected)


def test_it_ignores_figures_about_the_past(jinpu: Plan) -> None:
    texts = " ".join(c.text for c in jinpu.commitments)
    assert "年均增长4.7%" not in texts  # "十三五"时期，地区生产总值年均增长4.7%
    assert "15.98%" not in texts  # 全区综合能耗累计下降15.98%
    assert not [c for c in jinpu.commitments if c.node.startswith(("ch1/s1", "ch1/s2"))]


def test_it_ignores_years_codes_and_names() -> None:
    found = find_commitments("推进地铁13号线二期工程、一汽解放大柴13升发动机项目、G202黑大线改扩建，到2025年建成5G基站。",
                             "x", 2020, 2025)
    assert found == []


def test_it_reads_each_item_of_a_list_of_targets() -> None:
    found = find_commitments("到2025年，创建示范性低碳街镇5个、低碳单位100个和低碳农村30个。", "x", 2020, 2025)
    assert [(c.subject, c.value, c.unit) for c in found] == [
        ("示范性低碳街镇", 5, "个"), ("低碳单位", 100, "个"), ("低碳农村", 30, "个")]


def test_every_commitment_has_a_deadline_within_or_after_the_plan_start(jinpu: Plan) -> None:
    assert all(c.deadline is not None and c.deadline >= 2021 for c in jinpu.commitments)
    assert len(jinpu.commitments) >= 55


def test_it_reads_a_doubling_in_the_goals(jinpu: Plan) -> None:
    doubling = [(c.subject, c.value, c.unit, c.comparator, c.change, c.node) for c in jinpu.commitments if c.unit == "倍"]
    assert doubling == [("瞪羚企业数量", 2, "倍", "ge", "increase", "ch1/s5"),
                        ("独角兽企业数量", 2, "倍", "ge", "increase", "ch1/s5")]  # 瞪羚、独角兽企业数量实现翻一番


def test_thresholds_that_say_which_things_are_meant_are_not_commitments(jinpu: Plan) -> None:
    quantities = [(c.value, c.unit) for c in jinpu.commitments]
    assert (5, "年") not in quantities  # 在城镇就业居住5年以上…的农业转移人口
    assert (50, "亿元") not in quantities  # 培育形成2—3个品牌价值超50亿元的区域公用品牌: the 2—3个 stays
    assert (1, "吨") not in quantities  # 挥发性有机物排量超过1吨以上的企业
    assert (2, "个") in [(c.value, c.unit) for c in jinpu.commitments if c.value_max == 3]
    assert len(jinpu.commitments) == 60  # 62 before: 4 thresholds out, the two doublings in
