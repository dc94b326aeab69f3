"""The Jinpu plan's outline: 10 章, 45 节, 26 专栏, with stable ids."""

from __future__ import annotations

from planwatch.core.model import Plan

SECTIONS_PER_CHAPTER = [5, 4, 5, 5, 3, 4, 5, 4, 5, 5]
COLUMNS = ["2-1", "2-2", "2-3", "3-1", "3-2", "3-3", "3-4", "3-5", "4-1", "4-2", "5-1", "5-2", "5-3", "6-1",
           "6-2", "6-3", "7-1", "7-2", "7-3", "8-1", "8-2", "8-3", "9-1", "9-2", "9-3", "10-1"]


def test_it_finds_10_chapters_45_sections_and_26_columns(jinpu: Plan) -> None:
    counts = jinpu.counts()
    assert (counts["chapters"], counts["sections"], counts["columns"]) == (10, 45, 26)


def test_it_numbers_chapters_and_sections_in_order(jinpu: Plan) -> None:
    chapters = jinpu.nodes("chapter")
    assert [c.number for c in chapters] == list(range(1, 11))
    assert [sum(1 for s in c.children if s.kind == "section") for c in chapters] == SECTIONS_PER_CHAPTER
    assert chapters[0].title == "践行国家级新区高质量发展新使命"
    assert chapters[9].title == "保障规划实施"


def test_it_reads_every_column_with_its_title_and_body(jinpu: Plan) -> None:
    columns = jinpu.nodes("column")
    assert [c.label for c in columns] == COLUMNS
    first = columns[0]
    assert first.title == "国家自主创新示范区建设重大工程与项目"
    assert [p.split("。")[0] for p in first.paragraphs] == ["技术创新平台", "平台类企业技术攻关", "重大改革"]


def test_it_gives_every_node_a_stable_path_id(jinpu: Plan) -> None:
    assert jinpu.root.find("ch3/s1/col3-1") is not None
    assert jinpu.root.find("ch3/s1/col3-1").title == "优势制造业发展重大项目"  # type: ignore[union-attr]
    assert jinpu.root.find("ch1/s5/tab1-1") is not None
    ids = [n.id for n in jinpu.root.walk() if n.kind != "root"]
    assert len(ids) == len(set(ids))


def test_it_keeps_the_preface_before_the_first_chapter(jinpu: Plan) -> None:
    preface = jinpu.root.children[0]
    assert preface.kind == "preface"
    assert preface.paragraphs[0].startswith("“十四五”时期是我国全面建成小康社会")
    # the stray table-of-contents line "附录：部分指标和名词解释" above it is not text
    assert not any("附录" in p for p in preface.paragraphs)


def test_it_reads_table_figure_and_note_captions(jinpu: Plan) -> None:
    table = jinpu.root.find("ch1/s5/tab1-1")
    assert table is not None and table.title == "金普新区“十四五”规划主要指标表"
    assert len(table.rows) == 24  # header and 23 indicators
    assert [f.label for f in jinpu.nodes("figure")] == ["3-1", "6-1", "6-2", "6-3", "6-4", "8-1"]
    notes = jinpu.nodes("note")
    assert notes[0].paragraphs[0].startswith("[ ]为五年累计数")


def test_it_reads_the_appendix_with_its_two_parts(jinpu: Plan) -> None:
    appendix = jinpu.nodes("appendix")
    assert len(appendix) == 1 and appendix[0].title == "部分指标和名词解释"
    assert [c.title for c in appendix[0].children] == ["部分指标解释", "名词解释"]


def test_it_reads_the_counts_the_plan_states_about_itself(jinpu: Plan) -> None:
    assert jinpu.stated_counts == {"indicators": 23, "expected": 17, "binding": 6}
