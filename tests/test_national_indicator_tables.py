"""The national main-indicator tables (专栏1 of the 14th and 15th FYP), cell by cell, as a careful reader counts them.

The 14th is read from the plan text (专栏1 pasted from Word, one cell per TAB line) and from the table as .csv; both
must give the same indicators. Number, name and unit share one cell (``1.国内生产总值（GDP）增长（%）``), ``*`` marks a
value of another year (note ②), five-year totals stand in 〔〕, and a compound cell keeps its hard target and
its aspiration apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.errors import PlanwatchError
from planwatch.core.extract import extract_plan
from planwatch.core.model import Indicator, Plan
from planwatch.core.observations import build_table

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real plans is not at hand")

B, E = "binding", "expected"
COVID_NOTE = ("④2020年地级及以上城市空气质量优良天数比率和地表水达到或好于Ⅲ类水体比例指标值受新冠肺炎疫情等因素影响，"
              "明显高于正常年份")
# label, category, name, unit, baseline year, baseline value, baseline raw,
# target (value, comparator, cumulative), growth (value, comparator, cumulative, relative_to, qualitative,
# aspiration), attribute, notes
NATIONAL_14TH = [
    ("1", "经济发展", "国内生产总值（GDP）增长", "%", 2020, 2.3, "2.3", (None, None, False),
     (None, None, False, None, True, None), E, ()),
    ("2", "经济发展", "全员劳动生产率增长", "%", 2020, 2.5, "2.5", (None, None, False),
     (None, "gt", False, "GDP增长", False, None), E, ("⑤2020年全员劳动生产率增长2.5%为预计数",)),
    ("3", "经济发展", "常住人口城镇化率", "%", 2019, 60.6, "60.6*", (65, "eq", False),
     (None, None, False, None, False, None), E, ("②带*的为2019年数据",)),
    ("4", "创新驱动", "全社会研发经费投入增长", "%", 2020, None, "—", (None, None, False),
     (7, "gt", False, None, False, "力争投入强度高于“十三五”时期实际"), E, ()),
    ("5", "创新驱动", "每万人口高价值发明专利拥有量", "件", 2020, 6.3, "6.3", (12, "eq", False),
     (None, None, False, None, False, None), E, ()),
    ("6", "创新驱动", "数字经济核心产业增加值占GDP比重", "%", 2020, 7.8, "7.8", (10, "eq", False),
     (None, None, False, None, False, None), E, ()),
    ("7", "民生福祉", "居民人均可支配收入增长", "%", 2020, 2.1, "2.1", (None, None, False),
     (None, "approx", False, "GDP增长", False, None), E, ()),
    ("8", "民生福祉", "城镇调查失业率", "%", 2020, 5.2, "5.2", (None, None, False),
     (5.5, "lt", False, None, False, None), E, ()),
    ("9", "民生福祉", "劳动年龄人口平均受教育年限", "年", 2020, 10.8, "10.8", (11.3, "eq", False),
     (None, None, False, None, False, None), B, ()),
    ("10", "民生福祉", "每千人口拥有执业（助理）医师数", "人", 2020, 2.9, "2.9", (3.2, "eq", False),
     (None, None, False, None, False, None), E, ()),
    ("11", "民生福祉", "基本养老保险参保率", "%", 2020, 91, "91", (95, "eq", False),
     (None, None, False, None, False, None), E, ()),
    ("12", "民生福祉", "每千人口拥有3岁以下婴幼儿托位数", "个", 2020, 1.8, "1.8", (4.5, "eq", False),
     (None, None, False, None, False, None), E, ()),
    ("13", "民生福祉", "人均预期寿命", "岁", 2019, 77.3, "77.3*", (None, None, False),
     (1, "eq", True, None, False, None), E, ("②带*的为2019年数据",)),
    ("14", "绿色生态", "单位GDP能源消耗降低", "%", 2020, None, "—", (None, None, False),
     (13.5, "eq", True, None, False, None), B, ()),
    ("15", "绿色生态", "单位GDP二氧化碳排放降低", "%", 2020, None, "—", (None, None, False),
     (18, "eq", True, None, False, None), B, ()),
    ("16", "绿色生态", "地级及以上城市空气质量优良天数比率", "%", 2020, 87, "87", (87.5, "eq", False),
     (None, None, False, None, False, None), B,
     (COVID_NOTE,)),
    ("17", "绿色生态", "地表水达到或好于Ⅲ类水体比例", "%", 2020, 83.4, "83.4", (85, "eq", False),
     (None, None, False, None, False, None), B,
     (COVID_NOTE,)),
    ("18", "绿色生态", "森林覆盖率", "%", 2019, 23.2, "23.2*", (24.1, "eq", False),
     (None, None, False, None, False, None), B, ("②带*的为2019年数据",)),
    ("19", "安全保障", "粮食综合生产能力", "亿吨", 2020, None, "—", (6.5, "gt", False),
     (None, None, False, None, False, None), B, ()),
    ("20", "安全保障", "能源综合生产能力", "亿吨标准煤", 2020, None, "—", (46, "gt", False),
     (None, None, False, None, False, None), B, ("③能源综合生产能力指煤炭、石油、天然气、非化石能源生产能力之和",)),
]


def _row(i: Indicator) -> tuple[object, ...]:
    t, g = i.target, i.growth
    return (i.display_no, i.category, i.name, i.unit, i.baseline_year, i.baseline_value, i.baseline_raw,
            (t.value, t.comparator, t.cumulative), (g.value, g.comparator, g.cumulative, g.relative_to, g.qualitative,
                                                    g.aspiration), i.attribute, i.notes)


@pytest.fixture(scope="module")
def from_text() -> Plan:
    return extract_plan(REAL / "national-14th-fyp.txt")


@pytest.fixture(scope="module")
def from_csv() -> Plan:
    return extract_plan(REAL / "national-14th-main-indicators.csv")


def test_the_14th_table_has_20_indicators_12_expected_and_8_binding(from_text: Plan) -> None:
    c = from_text.counts()
    assert (c["indicators"], c["indicator_rows"], c["expected"], c["binding"]) == (20, 20, 12, 8)
    assert [i.no for i in from_text.indicators if i.attribute == "binding"] == [9, 14, 15, 16, 17, 18, 19, 20]
    assert from_text.plan_years == (2020, 2025) and from_text.warnings == ()


@pytest.mark.parametrize("expected", NATIONAL_14TH, ids=[r[2] for r in NATIONAL_14TH])
def test_it_reads_every_cell_of_the_14th_table(from_text: Plan, expected: tuple[object, ...]) -> None:
    assert _row(from_text.indicators[int(str(expected[0])) - 1]) == expected


def test_the_14th_table_as_csv_gives_the_same_indicators(from_text: Plan, from_csv: Plan) -> None:
    assert from_csv.indicators == from_text.indicators and from_csv.warnings == ()
    assert from_csv.table_conventions == from_text.table_conventions == ("〔〕内为5年累计数", "带*的为2019年数据")


def test_the_14th_plan_states_its_period_and_numbers_its_rows(from_text: Plan) -> None:
    assert [i.no for i in from_text.indicators] == list(range(1, 21))
    assert all(i.label == "" and i.display_no == str(i.no) for i in from_text.indicators)


@pytest.fixture(scope="module")
def fifteenth() -> Plan:
    return extract_plan(REAL / "national-15th-main-indicators.csv")


def test_the_15th_table_has_20_indicators_in_21_rows(fifteenth: Plan) -> None:
    c = fifteenth.counts()
    assert (c["indicators"], c["indicator_rows"], c["expected"], c["binding"]) == (20, 21, 12, 8)
    assert fifteenth.plan_years == (2025, 2030) and fifteenth.warnings == ()
    labels = [i.display_no for i in fifteenth.indicators]
    assert labels == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10.1", "10.2", *map(str, range(11, 21))]
    assert [i.no for i in fifteenth.indicators] == list(range(1, 22))  # the key stays a unique integer sequence
    assert [i.display_no for i in fifteenth.indicators if i.attribute == "binding"] == [
        "9", "14", "15", "16", "17", "18", "19", "20"]


def test_the_15th_sub_rows_are_each_measured(fifteenth: Plan) -> None:
    doctors, nurses = fifteenth.indicators[9:11]
    assert (doctors.name, doctors.unit, doctors.baseline_value, doctors.target.value) == (
        "每千人口拥有医护人员数：执业医师数", "人", 3.1, 3.7)
    assert (nurses.name, nurses.unit, nurses.baseline_value, nurses.target.value) == (
        "每千人口拥有医护人员数：注册护士数", "人", 4.3, 5.1)
    assert doctors.item == nurses.item == "10"


def test_the_15th_starred_baselines_are_2024_values(fifteenth: Plan) -> None:
    by_label = {i.display_no: i for i in fifteenth.indicators}
    starred = {k for k, i in by_label.items() if i.baseline_year == 2024}
    assert starred == {"6", "18"}
    assert (by_label["6"].baseline_raw, by_label["6"].baseline_value) == ("10.5*", 10.5)
    assert (by_label["18"].baseline_raw, by_label["18"].baseline_value) == ("25.1*", 25.1)
    assert by_label["6"].notes == ("②带*的为2024年数据",)
    assert all(i.baseline_year == 2025 for k, i in by_label.items() if k not in starred)


def test_the_15th_five_year_totals(fifteenth: Plan) -> None:
    by_label = {i.display_no: i for i in fifteenth.indicators}
    co2 = by_label["14"]
    assert (co2.baseline_raw, co2.baseline_value, co2.baseline_cumulative) == ("〔17.7〕", 17.7, True)
    assert (co2.growth.value, co2.growth.cumulative, co2.target.value) == (17, True, None)
    childcare = by_label["12"]
    assert (childcare.name, childcare.unit, childcare.growth.raw, childcare.growth.value, childcare.growth.cumulative) \
        == ("3岁以下婴幼儿入托率提高", "百分点", "〔6〕", 6, True)
    assert not any(i.baseline_cumulative for k, i in by_label.items() if k != "14")
    assert (by_label["16"].unit, by_label["16"].target.comparator, by_label["16"].target.value) == (
        "微克/立方米", "lt", 27)
    assert (by_label["19"].unit, by_label["19"].target.comparator) == ("万亿斤", "approx")
    assert by_label["4"].notes == ("③全社会研发经费投入增速按不变价格计算",)


def test_observations_name_the_15th_indicators_by_their_printed_numbers(fifteenth: Plan) -> None:
    records = [{"indicator": label, "year": "2026", "value": "1", "region": "全国"} for label in ("10.1", "10.2", "11")]
    table = build_table(records, fifteenth.indicators)
    assert list(table.indicator) == [10, 11, 12]  # 执业医师数, 注册护士数, 养老机构护理型床位占比
    with pytest.raises(PlanwatchError, match="未知指标"):  # item 10 has two measured rows: name one of them
        build_table([{"indicator": "10", "year": "2026", "value": "1"}], fifteenth.indicators)
