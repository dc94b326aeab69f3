"""Projects from 专栏 written as ``名称→内容`` items (the national 11th plan) and as tables."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planwatch.core.blocks import Paragraph, Table
from planwatch.core.extract import extract_plan
from planwatch.core.model import Project
from planwatch.core.projects import extract_projects
from planwatch.core.readers import read_document
from planwatch.core.structure import build_outline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
TABLE_COLUMN = Path(__file__).resolve().parent / "fixtures" / "columns" / "table-column.txt"

# 专栏4 新农村建设重点工程 of the 11th plan, counted by hand: 14 named items, in the order printed
COLUMN_4 = ["大型粮棉油生产基地和优质粮食产业工程", "沃土工程", "植保工程", "大型灌区续建配套改造和中部四省大型排涝泵站改造",
            "种养业良种工程", "动物防疫体系", "农产品质量安全检验检测体系", "农村饮水安全", "农村公路", "农村沼气",
            "送电到村和绿色能源县工程", "农村医疗卫生服务体系", "农村计划生育服务体系", "农村劳动力转移就业"]


@pytest.fixture(scope="module")
def eleventh() -> list[Project]:
    path = CORPUS / "national-11th-fyp.txt"
    if not path.exists():
        pytest.skip(f"the real-plan corpus is not next to this checkout: {path}")
    # read below the indicator-table reader: the 11th plan's own tables are images, but this keeps the test
    # about projects alone
    return extract_projects(build_outline(read_document(path).blocks).root)


def test_each_arrow_item_of_a_works_column_is_one_project(eleventh: list[Project]) -> None:
    column_4 = [p for p in eleventh if p.column == "4"]
    assert [p.name for p in column_4] == COLUMN_4
    assert {p.column_title for p in column_4} == {"新农村建设重点工程"}
    rural_roads = next(p for p in column_4 if p.name == "农村公路")
    assert rural_roads.description == "新建和改造农村公路120万公里，实现所有具备条件的乡镇和行政村通公路。"


def test_it_reads_every_works_column_of_the_eleventh_plan(eleventh: list[Project]) -> None:
    # 专栏5 7 专项, 7 交通 5, 10 节能 10, 11 循环经济 6, 12 生态 10, 13 环境 5, 14 科技 13, 15 教育 5, 16 公共服务 9,
    # 17 公共文化 7: each counted by hand as its arrow items
    assert Counter(p.column for p in eleventh) == {
        "4": 14, "5": 7, "7": 5, "10": 10, "11": 6, "12": 10, "13": 5, "14": 13, "15": 5, "16": 9, "17": 7}


def test_regions_fields_and_equipment_lists_are_not_projects(eleventh: list[Project]) -> None:
    # 专栏3 规划指标的属性, 6 装备制造业振兴的重点, 8 限制开发区域, 9 禁止开发区域, 18 中央政府投资支持的重点领域
    assert not {p.column for p in eleventh} & {"3", "6", "8", "9", "18"}
    assert "国家级自然保护区" not in {p.name for p in eleventh}


def test_a_column_written_as_a_pasted_word_table_gives_one_project_per_row() -> None:
    plan = extract_plan(TABLE_COLUMN)
    assert [(p.column, p.sector, p.name, p.description) for p in plan.projects] == [
        ("1-1", "石油化工", "长兴岛炼化一体化二期项目", "新建1500万吨/年炼油装置"),
        ("1-1", "石油化工", "恒力新材料产业园", "建设聚酯新材料生产线"),  # the merged 类别 cell inherits
        ("1-1", "装备制造", "大型船舶总装基地", "建设30万吨级船坞2座"),
        ("1-1", "装备制造", "智能制造示范工厂", "改造生产线20条"),
    ]
    assert {p.node for p in plan.projects} == {"ch1/s1/col1-1"}
    # 专栏1-2 现代服务业发展重点 is a table of fields, not of works: no projects from it


def test_a_column_whose_heading_is_the_first_row_of_a_real_table(tmp_path: Path) -> None:
    from planwatch.testing.render import render_docx

    blocks = [Paragraph("示范区“十四五”规划纲要"), Paragraph("第三章　建设现代化基础设施"),
              Paragraph("加快建设综合交通体系。"),
              Table((("专栏3-1　交通基础设施重点工程", "", ""),
                     ("序号", "工程名称", "建设内容"),
                     ("1", "滨海快速路", "新建快速路12公里"),
                     ("2", "港区疏港铁路", "新建铁路专用线8公里"),
                     ("", "合计", ""))),
              Paragraph("第四章　保障措施"), Paragraph("加强组织领导。")]
    path = tmp_path / "plan.docx"
    render_docx(blocks, path)
    plan = extract_plan(path)
    assert [(p.column, p.column_title, p.name, p.description) for p in plan.projects] == [
        ("3-1", "交通基础设施重点工程", "滨海快速路", "新建快速路12公里"),
        ("3-1", "交通基础设施重点工程", "港区疏港铁路", "新建铁路专用线8公里"),
    ]


def test_the_main_indicator_table_is_no_project_column() -> None:
    path = CORPUS / "national-14th-fyp.txt"
    if not path.exists():
        pytest.skip(f"the real-plan corpus is not next to this checkout: {path}")
    assert extract_projects(build_outline(read_document(path).blocks).root) == []  # 专栏1 is a TAB table
