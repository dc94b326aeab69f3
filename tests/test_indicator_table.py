"""表1-1 of the Jinpu plan, cell by cell, against a table typed from the document by hand."""

from __future__ import annotations

import pytest

from planwatch.core.model import Plan

# no, category, name, unit, baseline (None = "—"), target raw, target value, comparator, cumulative,
# growth raw, growth value, growth cumulative, attribute, footnote
EXPECTED = [
    (1, "经济发展", "地区生产总值增长", "%", 0.5, "—", None, None, False, "6.5", 6.5, False, "expected", None),
    (2, "经济发展", "社会消费品零售总额增长", "%", -9, "—", None, None, False, "10", 10, False, "expected", None),
    (3, "经济发展", "一般公共预算收入增长", "%", -21, "—", None, None, False, "6.5", 6.5, False, "expected", None),
    (4, "经济发展", "工业增加值占地区生产总值比重", "%", 55.6, "50左右", 50, "approx", False, "[-5.6]", -5.6, True,
     "expected", None),
    (5, "创新发展", "研发经费投入增长", "%", 2.67, "4", 4, "eq", False, "[1.33]", 1.33, True, "expected", None),
    (6, "创新发展", "每万人口发明专利拥有量", "件", 22.36, "25.92以上", 25.92, "ge", False, "—", None, False,
     "expected", None),
    (7, "创新发展", "数字经济核心产业增加值占地区生产总值比重", "%", None, "12左右", 12, "approx", False, "—", None,
     False, "expected", None),
    (8, "创新发展", "战略性新兴产业产值占工业总产值比重", "%", 23.7, "30左右", 30, "approx", False, "[6.3]", 6.3, True,
     "expected", None),
    (9, "创新发展", "瞪羚、独角兽企业数量", "家", 31, "60左右", 60, "approx", False, "—", None, False, "expected", None),
    (10, "开放发展", "外贸进出口总额", "亿元", 2470, "3500左右", 3500, "approx", False, "4.8", 4.8, False, "expected",
     None),
    (11, "开放发展", "实际利用外资金额", "亿美元", 1.76, "4.85左右", 4.85, "approx", False, "10", 10, False,
     "expected", None),
    (12, "民生发展", "常住居民人均可支配收入增长率", "%", None, "6.5左右", 6.5, "approx", False, "", None, False,
     "expected", None),
    (13, "民生发展", "城镇登记失业率", "%", 2.37, "＜4", 4, "lt", False, "—", None, False, "expected", None),
    (14, "民生发展", "基本养老保险参保率", "%", 98, "≥98", 98, "ge", False, "—", None, False, "expected", None),
    (15, "民生发展", "每千人口拥有执业（助理）医师数", "人", 3, "4.2①", 4.2, "eq", False, "—", None, False,
     "expected", "①根据市目标调整"),
    (16, "民生发展", "每千人口拥有3岁以下婴幼儿托位数", "个", None, "4", 4, "eq", False, "—", None, False,
     "expected", None),
    (17, "民生发展", "新增劳动年龄人口平均受教育年限", "年", None, "15.6", 15.6, "eq", False, "—", None, False,
     "binding", None),
    (18, "民生发展", "人均预期寿命", "岁", 81.31, "≥81.72", 81.72, "ge", False, "—", None, False, "expected", None),
    (19, "绿色发展", "单位地区生产总值能源消耗降低", "%", 3.03, "[13.5] ②", 13.5, "eq", True, "—", None, False,
     "binding", "②最终以市目标下达为准"),
    (20, "绿色发展", "单位地区生产总值二氧化碳排放降低", "%", None, "[18]③", 18, "eq", True, "—", None, False,
     "binding", "③最终以市目标下达为准"),
    (21, "绿色发展", "空气质量优良天数比率", "%", 82.7, "86④", 86, "eq", False, "[3.3]", 3.3, True, "binding",
     "④最终以市目标下达为准"),
    (22, "绿色发展", "地表水达到或好于Ⅲ类水体比例", "%", None, "—⑤", None, None, False, "—", None, False, "binding",
     "⑤最终以市目标下达为准"),
    (23, "绿色发展", "森林覆盖率", "%", 33, "33⑥", 33, "eq", False, "—", None, False, "binding",
     "⑥第三次全国国土调查数据公布后进行调整"),
]


def test_it_reads_23_indicators_17_expected_and_6_binding(jinpu: Plan) -> None:
    counts = jinpu.counts()
    assert (counts["indicators"], counts["expected"], counts["binding"]) == (23, 17, 6)


@pytest.mark.parametrize("row", EXPECTED, ids=[f"{r[0]}-{r[2]}" for r in EXPECTED])
def test_it_reads_every_cell_of_the_main_indicator_table(jinpu: Plan, row: tuple[object, ...]) -> None:
    (no, category, name, unit, baseline, target_raw, target_value, comparator, cumulative,
     growth_raw, growth_value, growth_cumulative, attribute, note) = row
    ind = jinpu.indicators[no - 1]  # type: ignore[operator]
    assert (ind.no, ind.category, ind.name, ind.unit) == (no, category, name, unit)
    assert (ind.baseline_year, ind.target_year) == (2020, 2025)
    assert ind.baseline_value == baseline
    assert (ind.target.raw, ind.target.value, ind.target.comparator, ind.target.cumulative) == (
        target_raw, target_value, comparator, cumulative)
    assert (ind.growth.raw, ind.growth.value, ind.growth.cumulative) == (growth_raw, growth_value, growth_cumulative)
    assert ind.attribute == attribute
    assert ind.notes == ((note,) if note else ())


def test_it_treats_a_dash_as_unknown_never_zero(jinpu: Plan) -> None:
    unknown = [i.no for i in jinpu.indicators if i.baseline_value is None]
    assert unknown == [7, 12, 16, 17, 20, 22]
    assert all(i.baseline_raw == "—" for i in jinpu.indicators if i.no in unknown)


def test_it_keeps_the_cumulative_convention_stated_under_the_table(jinpu: Plan) -> None:
    assert jinpu.table_conventions == ("[ ]为五年累计数",)
