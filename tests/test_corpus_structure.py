"""The real plans in ../shared/plans/real/ read with the structure a careful reader counts by hand (its README).

The counts are taken from the outline builder on the reader's blocks and, for the plans that extract as a whole,
from the extracted plan too; the folder is outside the repository, so the tests skip only when it is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planwatch.core.extract import extract_plan
from planwatch.core.readers import read_document
from planwatch.core.structure import build_outline

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here")

NATIONAL = [
    # file, title, (base year, end year), 篇, 章, 节, 专栏 in the text
    ("national-14th-fyp.txt", "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要", (2020, 2025),
     19, 65, 192, 1),
    ("national-13th-fyp.md", "中华人民共和国国民经济和社会发展第十三个五年规划纲要", (2015, 2020), 20, 80, 237, 0),
    ("national-11th-fyp.txt", "中华人民共和国国民经济和社会发展第十一个五年规划纲要", (2005, 2010), 14, 48, 142, 16),
]


def _kinds(name: str) -> Counter[str]:
    outline = build_outline(read_document(REAL / name).blocks)
    return Counter(n.kind for n in outline.root.walk())


@pytest.mark.parametrize(("name", "title", "years", "parts", "chapters", "sections", "columns"), NATIONAL)
def test_it_counts_the_parts_chapters_and_sections_of_a_national_plan_once(
        name: str, title: str, years: tuple[int, int], parts: int, chapters: int, sections: int,
        columns: int) -> None:
    kinds = _kinds(name)
    # the table of contents at the top lists every 篇 and 章 again: it is no structure
    assert (kinds["part"], kinds["chapter"], kinds["section"], kinds["column"]) == (parts, chapters, sections,
                                                                                   columns)


@pytest.mark.parametrize(("name", "title", "years", "parts", "chapters", "sections", "columns"), NATIONAL)
def test_it_takes_the_title_and_period_of_a_national_plan_from_its_title(
        name: str, title: str, years: tuple[int, int], parts: int, chapters: int, sections: int,
        columns: int) -> None:
    plan = extract_plan(REAL / name)
    assert plan.title == title  # not the dateline 新华社北京3月12日电 before it
    assert plan.plan_years == years
    assert plan.counts()["parts"] == parts and plan.counts()["chapters"] == chapters


def test_the_11th_plan_has_its_text_columns_3_to_18_under_their_chapters() -> None:
    outline = build_outline(read_document(REAL / "national-11th-fyp.txt").blocks)
    columns = [n for n in outline.root.walk() if n.kind == "column"]
    # 专栏1–2 (the indicator tables) are pictures on gov.cn and not in the text; 3–18 are text
    assert [c.label for c in columns] == [str(n) for n in range(3, 19)]
    farm = outline.root.find("pt2/ch9/col4")  # 专栏4 新农村建设重点工程, in 第九章 深化农村改革
    assert farm is not None and farm.title == "新农村建设重点工程"
    assert len(farm.paragraphs) == 14 and [p.split("→")[0] for p in farm.paragraphs][1:3] == ["沃土工程", "植保工程"]
    # the 专栏 ends after its last 名称→内容 item: the paragraph after it is the section's text again
    transport = outline.root.find("pt4/ch16/s1")
    assert transport is not None and transport.children[-1].id == "pt4/ch16/s1/col7"
    assert len(transport.children[-1].paragraphs) == 5 and transport.paragraphs[-1].startswith("优化运输资源配置")


def test_the_13th_plan_in_markdown_keeps_headings_and_drops_pictures_and_its_contents_block() -> None:
    outline = build_outline(read_document(REAL / "national-13th-fyp.md").blocks)
    assert outline.title == "中华人民共和国国民经济和社会发展第十三个五年规划纲要"
    first = outline.root.find("pt1/ch1")
    assert first is not None and first.title == "发展环境"
    assert not any("images/" in p or p.startswith(("#", "![", "- ")) for n in outline.root.walk()
                   for p in (n.title, *n.paragraphs))
    last = outline.root.find("pt20/ch80/s4")
    assert last is not None and last.title == "充分调动全社会积极性"


def test_the_14th_plan_reads_its_main_indicator_table() -> None:
    plan = extract_plan(REAL / "national-14th-fyp.txt")
    assert plan.counts()["sections"] == 192
    assert (len(plan.indicators), plan.counts()["expected"], plan.counts()["binding"]) == (20, 12, 8)


def test_the_rural_plan_is_outlined_by_its_11_and_34_numbered_headings() -> None:
    plan = extract_plan(REAL / "rural-revitalization-2024-2027.txt")
    assert plan.title == "乡村全面振兴规划（2024—2027年）"  # not the news headline …印发《…》 around it
    assert plan.plan_years == (2023, 2027)
    subsections, clauses = plan.nodes("subsection"), plan.nodes("clause")
    assert (len(subsections), len(clauses)) == (11, 34)
    assert [n.id for n in plan.root.children[:3]] == ["preface", "sub1", "sub2"]
    assert subsections[1].title == "优化城乡发展格局，分类有序推进乡村全面振兴"
    assert [(n.id, n.title) for n in subsections[1].children] == [
        ("sub2/cl1", "统筹优化城乡发展布局"), ("sub2/cl2", "推进城乡融合发展"), ("sub2/cl3", "分类推进乡村全面振兴"),
        ("sub2/cl4", "衔接推进脱贫地区全面振兴")]
    assert clauses[-1].id == "sub10/cl34" and subsections[-1].title == "加强组织实施"
    # the news wrapper before the plan's own title line is not the plan's preface
    assert plan.root.children[0].paragraphs[0].startswith("实施乡村振兴战略")
    assert [t.title for t in plan.tasks][:2] == ["统筹优化城乡发展布局", "推进城乡融合发展"]
    assert any("17.5亿亩" in c.quantity for c in plan.commitments)
