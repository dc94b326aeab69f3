"""Plans in other real layouts than Jinpu's, written for these tests (fixtures/layouts/)."""

from __future__ import annotations

from pathlib import Path

from planwatch.core.extract import extract_plan

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"


def _outline(path: Path) -> list[tuple[str, str, str]]:
    plan = extract_plan(path)
    return [(n.id, n.kind, n.title) for n in plan.root.walk() if n.kind != "root"]


def test_it_reads_parts_chapters_and_sections_and_skips_the_table_of_contents() -> None:
    assert _outline(LAYOUTS / "parts-and-toc.txt") == [
        ("preface", "preface", ""),
        ("pt1", "part", "开启现代化建设新征程"),
        ("pt1/ch1", "chapter", "发展基础"),
        ("pt1/ch2", "chapter", "指导思想和主要目标"),
        ("pt1/ch2/tab2-1", "table", "“十五五”时期主要指标"),
        ("pt1/ch2/note1", "note", ""),
        ("pt2", "part", "建设现代产业体系"),
        ("pt2/ch3", "chapter", "决胜先进制造业"),  # 第三章决胜… with no space
        ("pt2/ch3/s1", "section", "做强汽车产业"),
        ("pt2/ch3/s2", "section", "培育新兴产业"),
        ("pt2/ch3/s2/col3-1", "column", "新兴产业重大项目"),
        ("pt2/ch3/s3", "section", "提升服务业"),
        ("appx", "appendix", "名词解释"),
    ]


def test_it_reads_the_title_indicators_and_period_of_a_15th_plan() -> None:
    plan = extract_plan(LAYOUTS / "parts-and-toc.txt")
    assert plan.title == "某市国民经济和社会发展第十五个五年规划纲要"
    assert plan.plan_years == (2025, 2030)
    assert [(i.no, i.name, i.category, i.attribute) for i in plan.indicators] == [
        (1, "地区生产总值", "经济", "expected"), (2, "常住人口城镇化率", "经济", "expected"),
        (3, "单位地区生产总值能耗降低", "绿色", "binding")]
    assert [p.name for p in plan.projects] == ["氢能产业园项目", "加氢站示范工程"]
    # the unboxed 专栏 ends at the visible gap: the next section's task is not inside it
    assert [t.title for t in plan.tasks] == ["打造新能源汽车产业集群", "发展现代物流"]
    # "“十四五”以来…年均增长5.8%" is the past for a 15th plan; the review chapter holds no commitments
    assert [(c.quantity, c.deadline) for c in plan.commitments] == [
        ("全市地区生产总值年均增长5%左右", 2030), ("常住人口城镇化率达到75%", 2030), ("新能源汽车产量达到50万辆以上", 2030)]


def test_it_reads_numbered_sub_levels_without_sections() -> None:
    assert _outline(LAYOUTS / "subsections.txt") == [
        ("ch1", "chapter", "总体要求"),
        ("ch1/sub1", "subsection", "指导思想"),
        ("ch1/sub2", "subsection", "主要目标"),
        ("ch2", "chapter", "重点任务"),
        ("ch2/sub1", "subsection", "深入打好蓝天保卫战"),
        ("ch2/sub1/cl1", "clause", "治理工业污染"),
        ("ch2/sub1/cl2", "clause", "治理移动源污染"),
        ("ch2/sub2", "subsection", "深入打好碧水保卫战"),
    ]


def test_a_numbered_sentence_stays_a_paragraph() -> None:
    plan = extract_plan(LAYOUTS / "subsections.txt")
    water = plan.root.find("ch2/sub2")
    assert water is not None
    assert water.paragraphs == ("（一）关于饮用水源保护。加强水源地规范化建设，确保水质达标率100%。", "一是划定保护区。二是清理违法建筑。")
    assert {(c.value, c.unit, c.recurring) for c in plan.commitments} >= {(20, "家", False), (500, "辆", True)}


def test_it_reads_a_plan_in_traditional_characters() -> None:
    plan = extract_plan(LAYOUTS / "traditional.txt")
    assert plan.source.script == "traditional"
    assert plan.title == "某区国民经济和社会发展第十四个五年规划纲要"
    assert plan.counts()["chapters"] == 2 and plan.counts()["sections"] == 2 and plan.counts()["columns"] == 1
    assert [(i.name, i.attribute) for i in plan.indicators] == [("地区生产总值增长", "expected"), ("森林覆盖率", "binding")]
    assert [p.name for p in plan.projects] == ["新能源汽车项目", "零部件产业园项目"]
