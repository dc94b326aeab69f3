"""Precision and recall of the commitment finder against lists made by hand from two real plans.

The lists below were made by reading the text, not the finder's output: every sentence of
national-14th-fyp.txt that holds a figure (the whole plan outside 专栏1, which is the indicator table), and the
whole of rural-revitalization-2024-2027.txt. Each row is what a careful reader would enter in a ledger:
subject, value, unit, comparator, change, deadline. A found commitment matches a row when value, unit,
comparator, change and deadline are equal and one subject contains the other (the text often writes a subject
once for two figures: ``单位国内生产总值能源消耗和二氧化碳排放分别降低13.5%、18%``).

The national plan is read below the indicator-table reader (the outline from ``build_outline``, then
``extract_commitments`` with the plan years 2020–2025), so that the table's own parsing does not decide this test.
The rural plan has no 章/节; its paragraphs are read from the file and each sentence is given to
``find_commitments`` with the plan years 2023–2027.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.core.blocks import Paragraph
from planwatch.core.commitments import extract_commitments, find_commitments
from planwatch.core.model import Commitment
from planwatch.core.readers import read_document
from planwatch.core.structure import build_outline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
Row = tuple[str, float, str, str, str | None, int]

# subject, value, unit, comparator, change, deadline — in the order of the text
NATIONAL_14TH: list[Row] = [
    # 第三章 主要目标
    ("全社会研发经费投入", 7, "%", "ge", "increase", 2025),  # 年均增长7%以上
    ("常住人口城镇化率", 65, "%", "ge", "increase", 2025),
    ("单位国内生产总值能源消耗", 13.5, "%", "ge", "decrease", 2025),
    ("单位国内生产总值二氧化碳排放", 18, "%", "ge", "decrease", 2025),
    ("森林覆盖率", 24.1, "%", "ge", "increase", 2025),
    ("城镇调查失业率", 5.5, "%", "le", None, 2025),
    ("劳动年龄人口平均受教育年限", 11.3, "年", "ge", "increase", 2025),
    ("基本养老保险参保率", 95, "%", "ge", "increase", 2025),
    ("人均预期寿命", 1, "岁", "ge", "increase", 2025),
    # 第四章 基础研究; 第九章; 第十一章 新型基础设施, 能源
    ("基础研究经费投入占研发经费投入比重", 8, "%", "ge", "increase", 2025),
    ("战略性新兴产业增加值占GDP比重", 17, "%", "gt", None, 2025),
    ("5G用户普及率", 56, "%", "ge", "increase", 2025),
    ("非化石能源占能源消费总量比重", 20, "%", "approx", "increase", 2025),
    # 第二十三章 农业
    ("耕地红线", 18, "亿亩", "ge", None, 2025),  # 严守18亿亩耕地红线
    ("集中连片高标准农田", 10.75, "亿亩", "ge", None, 2025),  # 建成10.75亿亩
    ("农作物耕种收综合机械化率", 75, "%", "ge", "increase", 2025),
    # 第三十三章 海洋
    ("自然岸线保有率", 35, "%", "ge", None, 2025),
    # 第三十七—三十九章 生态、环境、资源
    ("湿地保护率", 55, "%", "ge", "increase", 2025),
    ("地级及以上城市PM2.5浓度", 10, "%", "ge", "decrease", 2025),
    ("氮氧化物排放总量", 10, "%", "ge", "decrease", 2025),
    ("挥发性有机物排放总量", 10, "%", "ge", "decrease", 2025),
    ("化学需氧量排放总量", 8, "%", "ge", "decrease", 2025),
    ("氨氮排放总量", 8, "%", "ge", "decrease", 2025),
    ("城市污泥无害化处置率", 90, "%", "ge", None, 2025),
    ("地级及以上缺水城市污水资源化利用率", 25, "%", "gt", None, 2025),
    ("单位GDP用水量", 16, "%", "approx", "decrease", 2025),
    ("新增建设用地规模", 2950, "万亩", "le", None, 2025),
    # 第四十三—四十五章 教育、健康、养老
    ("高中阶段教育毛入学率", 92, "%", "ge", "increase", 2025),
    ("学前教育毛入园率", 90, "%", "ge", "increase", 2025),
    ("高等教育毛入学率", 60, "%", "ge", "increase", 2025),
    ("每千人口拥有注册护士数", 3.8, "人", "ge", "increase", 2025),
    ("养老机构护理型床位占比", 55, "%", "ge", "increase", 2025),
]
# Figures a careful reader does not enter, and why (each must stay out):
NATIONAL_14TH_NOT = [
    "100万亿元", "5575万", "1.3万亿斤", "6000万人", "13亿人", "10亿人", "2300万套",  # 第一章: the past
    "延长30年",  # the term of a land-contract policy
    "300万以下", "300万至500万", "500万以上", "20万以上的特大镇",  # which cities and towns are meant
    "1小时通勤圈", "400毫米降水线", "10E级",  # names of things
]

RURAL_2024_2027: list[Row] = [
    ("粮食播种面积", 17.5, "亿亩", "approx", None, 2027),
    ("谷物面积", 14.5, "亿亩", "approx", None, 2027),
    ("粮食产能", 1.4, "万亿斤", "ge", None, 2027),  # 稳步迈上1.4万亿斤台阶
    ("省级土地利用年度计划安排新增建设用地指标", 5, "%", "ge", None, 2027),  # 至少5%
]
# 千亿斤粮食产能提升行动, 长江十年禁渔, 一村一名大学生 are names; 延长30年试点 is a policy term.


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the real-plan corpus is not next to this checkout: {path}")
    return path


def _matches(row: Row, c: Commitment) -> bool:
    subject, value, unit, comparator, change, deadline = row
    return ((c.value, c.unit, c.comparator, c.change, c.deadline) == (value, unit, comparator, change, deadline)
            and len(c.subject) >= 2 and (c.subject in subject or subject in c.subject))


def _score(expected: list[Row], found: list[Commitment]) -> tuple[float, float, list[Row], list[Commitment]]:
    unmatched = list(found)
    missed: list[Row] = []
    for row in expected:
        hit = next((c for c in unmatched if _matches(row, c)), None)
        if hit is None:
            missed.append(row)
        else:
            unmatched.remove(hit)
    hits = len(expected) - len(missed)
    return hits / len(found) if found else 0.0, hits / len(expected), missed, unmatched


def _national() -> list[Commitment]:
    root = build_outline(read_document(_corpus("national-14th-fyp.txt")).blocks).root
    return extract_commitments(root, 2020, 2025)


def _rural() -> list[Commitment]:
    found: list[Commitment] = []
    for block in read_document(_corpus("rural-revitalization-2024-2027.txt")).blocks:
        if isinstance(block, Paragraph):
            for sentence in re.split(r"(?<=[。！？])", block.text):
                found.extend(find_commitments(sentence, "rural", 2023, 2027))
    return found


def test_the_hand_lists_are_the_size_a_reader_counted() -> None:
    assert (len(NATIONAL_14TH), len(RURAL_2024_2027)) == (32, 4)


def test_it_finds_the_national_plans_commitments_with_precision_and_recall_of_at_least_ninety_percent() -> None:
    precision, recall, missed, extra = _score(NATIONAL_14TH, _national())
    assert precision >= 0.9 and recall >= 0.9, (precision, recall, missed, [(c.subject, c.quantity) for c in extra])


def test_it_finds_the_rural_plans_commitments_with_precision_and_recall_of_at_least_ninety_percent() -> None:
    precision, recall, missed, extra = _score(RURAL_2024_2027, _rural())
    assert precision >= 0.9 and recall >= 0.9, (precision, recall, missed, [(c.subject, c.quantity) for c in extra])


def test_it_leaves_out_the_figures_a_reader_leaves_out() -> None:
    quantities = " ".join(c.quantity for c in _national())
    assert [figure for figure in NATIONAL_14TH_NOT if figure in quantities] == []
