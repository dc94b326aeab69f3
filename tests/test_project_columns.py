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
    # 专栏5 7 专项, 10 节能 10, 11 循环经济 6, 12 生态 10, 13 环境 5, 14 科技 14 (大型飞机 is glued onto the line of
    # 重大传染病防治 after its full stop), 15 教育 5, 16 公共服务 9, 17 公共文化 7: each counted by hand as its arrow
    # items; 专栏7 交通 45: its sector lines' routes and airports (below) and the 港口 and 水运 items
    assert Counter(p.column for p in eleventh) == {
        "4": 14, "5": 7, "7": 45, "10": 10, "11": 6, "12": 10, "13": 5, "14": 14, "15": 5, "16": 9, "17": 7}


def test_an_item_glued_onto_the_line_of_the_last_after_its_full_stop_is_an_item_of_its_own(
        eleventh: list[Project]) -> None:
    names = [p.name for p in eleventh if p.column == "14"]
    assert names[9:12] == ["艾滋病和病毒性肝炎等重大传染病防治", "大型飞机", "高分辨率对地观测系统"]
    aids = next(p for p in eleventh if p.name == "艾滋病和病毒性肝炎等重大传染病防治")
    assert aids.description.endswith("检测技术。") and "大型飞机" not in aids.description


# 专栏7 交通基础设施重点工程, counted by hand: each route or airport a sector line names, with its class of work
RAIL = ["北京至上海客运专线", "北京至广州至深圳客运专线", "哈尔滨至大连客运专线", "郑州至西安客运专线",
        "上海至宁波至深圳客运专线", "南京至武汉至成都客运专线", "北京至天津城际轨道交通", "上海至南京城际轨道交通",
        "上海至杭州城际轨道交通", "南京至杭州城际轨道交通", "广州至珠海城际轨道交通", "向塘至湄州湾铁路", "兰州至重庆铁路",
        "太原至中卫（银川）铁路", "青藏铁路延伸线", "大同至秦皇岛铁路扩能改造", "朔州至黄骅铁路扩能改造"]
ROADS = [f"{r}高速公路" for r in ("北京至上海", "北京至福州", "北京至香港（澳门）", "北京至昆明", "北京至哈尔滨", "沈阳至海口",
                               "包头至茂名", "青岛至银川", "南京至洛阳", "上海至西安", "上海至重庆", "上海至昆明",
                               "福州至银川", "广州至昆明")]
AIRPORTS = [f"{c}机场" for c in ("北京", "上海", "广州", "杭州", "成都", "深圳", "西安", "乌鲁木齐", "郑州", "武汉", "昆明",
                               "合肥")]


def test_the_sector_lines_of_the_transport_column_give_one_project_per_route(eleventh: list[Project]) -> None:
    column_7 = [p for p in eleventh if p.column == "7"]
    assert [(p.sector, p.name) for p in column_7] == [
        *(("铁路", n) for n in RAIL), *(("公路", n) for n in ROADS), ("", "港口"), ("", "水运"),
        *(("机场", n) for n in AIRPORTS)]
    # 港口 and 水运 name kinds of system and whole river systems, no routes: each stays one item, as written
    moved = next(p for p in column_7 if p.name == "昆明机场")
    assert moved.description == "迁建昆明、合肥等机场"  # the clause that names it (迁建), not the one before


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
