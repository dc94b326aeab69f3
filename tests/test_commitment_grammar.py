"""The grammar of a quantitative commitment: any unit, the comparator cues, 分别 lists, and specifications.

Sentences are quoted from the national 11th/13th/14th plans (../shared/plans/real/) unless marked "written here".
"""

from __future__ import annotations

import pytest

from planwatch.core.commitments import find_commitments
from planwatch.core.model import Commitment


def _read(sentence: str, base: int = 2020, end: int = 2025) -> list[tuple[object, ...]]:
    return [(c.subject, c.value, c.unit, c.comparator) for c in find_commitments(sentence, "x", base, end)]


def _one(sentence: str, base: int = 2020, end: int = 2025) -> Commitment:
    found = find_commitments(sentence, "x", base, end)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("确保粮食播种面积稳定在17.5亿亩左右。", 17.5, "亿亩"),  # rural revitalization plan
    ("推动粮食产能稳步迈上1.4万亿斤台阶。", 1.4, "万亿斤"),  # rural revitalization plan
    ("到2025年，粮食综合生产能力稳定在1.45万亿斤以上。", 1.45, "万亿斤"),  # written here
    ("能源消费总量控制在50亿吨标准煤以内。", 50, "亿吨标准煤"),  # 13th
    ("用水总量控制在6700亿立方米以内。", 6700, "亿立方米"),  # 13th
    ("到2025年，地级及以上城市细颗粒物年均浓度降至30微克/立方米。", 30, "微克/立方米"),  # written here
    ("肺结核发病率降至58/10万。", 58, "/10万"),  # 13th
    ("到2025年，孕产妇死亡率降至12/10万。", 12, "/10万"),  # written here
    ("婴儿死亡率降至17‰。", 17, "‰"),  # 11th
    ("基本农田土壤有机质含量比2020年提升5个百分点。", 5, "个百分点"),  # Jinpu
    ("到2025年，高新技术企业数量增长1倍。", 1, "倍"),  # written here
    ("并网风电装机达到500万千瓦。", 500, "万千瓦"),  # 11th, shortened
    ("全员劳动生产率达到28万元/人。", 28, "万元/人"),  # Jinpu
    ("城镇基本养老保险覆盖人数达到2.23亿人。", 2.23, "亿人"),  # 11th
    ("劳动年龄人口平均受教育年限提高到11.3年。", 11.3, "年"),  # 14th: 11.3 is not a year
])
def test_it_reads_any_unit_the_text_uses(sentence: str, value: float, unit: str) -> None:
    c = _one(sentence, 2005 if "2.23" in sentence else 2020, 2010 if "2.23" in sentence else 2025)
    assert (c.value, c.unit) == (value, unit)


@pytest.mark.parametrize(("sentence", "comparator", "change"), [
    ("到2025年，城镇调查失业率低于5.5%。", "lt", None),  # written here
    ("婴儿死亡率降至17‰。", "le", "decrease"),
    ("常住人口城镇化率提高到65%。", "ge", "increase"),  # 14th
    ("城镇调查失业率控制在5.5%以内。", "le", None),  # 14th
    ("新增建设用地规模控制在2950万亩以内。", "le", None),  # 14th: a ceiling, not a rise
    ("城乡医保参保率稳定在95%以上。", "ge", None),  # 13th
    ("确保粮食播种面积稳定在17.5亿亩左右。", "approx", None),
    ("地级及以上缺水城市污水资源化利用率超过25%。", "gt", None),  # 14th
    ("自然岸线保有率不低于35%。", "ge", None),  # 14th
    ("地级及以上城市PM2.5浓度下降10%。", "ge", "decrease"),  # 14th
])
def test_it_reads_the_comparator_cues(sentence: str, comparator: str, change: str | None) -> None:
    c = _one(sentence)
    assert (c.comparator, c.change) == (comparator, change)


def test_a_doubling_is_two_times_for_each_subject() -> None:
    found = find_commitments("到2020年国内生产总值和城乡居民人均收入比2010年翻一番。", "x", 2015, 2020)  # 13th
    assert [(c.subject, c.value, c.unit, c.comparator, c.change, c.base_year, c.deadline) for c in found] == [
        ("国内生产总值", 2, "倍", "ge", "increase", 2010, 2020),
        ("城乡居民人均收入", 2, "倍", "ge", "increase", 2010, 2020)]


def test_respectively_gives_each_subject_its_own_value() -> None:
    found = _read("婴儿死亡率、5岁以下儿童死亡率、孕产妇死亡率分别降为7.5‰、9.5‰、18/10万。", 2015, 2020)  # 13th
    assert found == [("婴儿死亡率", 7.5, "‰", "le"), ("5岁以下儿童死亡率", 9.5, "‰", "le"),
                     ("孕产妇死亡率", 18, "/10万", "le")]  # 5岁以下 names the children, it is no commitment


def test_respectively_with_a_unit_written_once_at_the_end() -> None:
    found = _read("服务业增加值占国内生产总值比重和就业人员占全社会就业人员比重分别提高3个和4个百分点。", 2005, 2010)
    assert found == [("服务业增加值占国内生产总值比重", 3, "个百分点", "ge"),
                     ("就业人员占全社会就业人员比重", 4, "个百分点", "ge")]  # 11th


def test_respectively_with_one_value_for_several_subjects_and_a_shared_head() -> None:
    assert _read("氮氧化物和挥发性有机物排放总量分别下降10%以上。") == [  # 14th
        ("氮氧化物排放总量", 10, "%", "ge"), ("挥发性有机物排放总量", 10, "%", "ge")]
    assert _read("化学需氧量和氨氮排放总量分别下降8%。") == [  # 14th
        ("化学需氧量排放总量", 8, "%", "ge"), ("氨氮排放总量", 8, "%", "ge")]
    assert _read("城市、县城污水集中处理率分别达到95%和85%。", 2015, 2020) == [  # 13th
        ("城市污水集中处理率", 95, "%", "ge"), ("县城污水集中处理率", 85, "%", "ge")]
    assert _read("城镇新增就业和转移农业劳动力各4500万人。", 2005, 2010) == [  # 11th: 各 is 分别 with one value
        ("城镇新增就业", 4500, "万人", "eq"), ("转移农业劳动力", 4500, "万人", "eq")]


def test_two_subjects_with_two_values_in_the_national_goals() -> None:
    found = find_commitments("单位国内生产总值能源消耗和二氧化碳排放分别降低13.5%、18%。", "x", 2020, 2025)  # 14th
    assert [(c.subject, c.value, c.comparator, c.change) for c in found] == [
        ("单位国内生产总值能源消耗", 13.5, "ge", "decrease"), ("二氧化碳排放", 18, "ge", "decrease")]


@pytest.mark.parametrize("sentence", [
    "轨道交通装备→掌握时速200公里及以上高速铁路列车、新型地铁车辆等装备核心技术，实现产业化。",  # 11th 专栏6
    "在有条件的地区发展日产5000吨及以上的新型干法水泥，逐步淘汰立窑等落后生产能力。",  # 11th
    "优先解决农村学生升学和参军进入城镇的人口、在城镇就业居住5年以上、举家迁徙的农业转移人口、新生代农民工落户问题。",  # 13th
    "全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。",  # 14th
    "全面放宽城区常住人口300万至500万的I型大城市落户条件。",  # 14th
    "稳步有序推动符合条件的县和镇区常住人口20万以上的特大镇设市。",  # 14th
    "依托辐射带动能力较强的中心城市，提高1小时通勤圈协同发展水平。",  # 14th
    "培育形成品牌价值超50亿元的区域公用品牌。",  # Jinpu, shortened
    "推进一汽解放大柴13升发动机项目建设。",  # Jinpu, shortened
    "建设南京以下12.5米深水航道。",  # 13th, shortened
])
def test_specifications_are_not_commitments(sentence: str) -> None:
    assert find_commitments(sentence, "x", 2020, 2025) == []


def test_a_specification_beside_a_commitment_leaves_the_commitment() -> None:
    found = _read("到2025年，建成时速200公里及以上高速铁路3万公里。")  # written here
    assert [(v, u) for _, v, u, _ in found] == [(3, "万公里")]


def test_a_figure_restated_in_another_unit_is_one_commitment() -> None:
    found = _read("人均国内生产总值增至49351元（折合7924美元）。", 2015, 2020)  # 13th
    assert [(v, u) for _, v, u, _ in found] == [(49351, "元")]


def test_a_comparison_with_the_past_is_not_a_statement_about_it() -> None:
    found = _read("全社会研发经费投入年均增长7%以上、力争投入强度高于“十三五”时期实际。")  # 14th
    assert found == [("全社会研发经费投入", 7, "%", "ge")]
    assert _read("“十三五”时期，地区生产总值年均增长4.7%。") == []


def test_the_name_of_a_column_item_is_not_the_subject() -> None:
    found = _read("农村公路→新建和改造农村公路120万公里，实现所有具备条件的乡镇和行政村通公路。", 2005, 2010)  # 11th 专栏4
    assert found == [("农村公路", 120, "万公里", "eq")]
    found = _read("送电到村和绿色能源县工程→建成50个绿色能源示范县。", 2005, 2010)  # 11th 专栏4
    assert found == [("绿色能源示范县", 50, "个", "ge")]
