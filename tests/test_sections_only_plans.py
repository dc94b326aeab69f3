"""A plan with 节 but no 篇/章 (fixtures/layouts/sections-only.txt, a 示例 written for this test in the layout of short
county special plans) is outlined by its 节: they open the body, and its 一、/（一） nest inside them."""

from __future__ import annotations

from pathlib import Path

from planwatch.core.extract import extract_plan

PLAN = Path(__file__).resolve().parent / "fixtures" / "layouts" / "sections-only.txt"


def test_a_plan_whose_top_level_is_the_section_is_outlined_by_its_sections() -> None:
    plan = extract_plan(PLAN)
    assert plan.title == "某县“十五五”乡村振兴专项规划" and plan.plan_years == (2025, 2030)
    assert [(n.id, n.kind, n.title) for n in plan.root.walk() if n.kind != "root"] == [
        ("preface", "preface", ""),  # the 目录 listing the three 节 is no structure
        ("s1", "section", "发展基础"),
        ("s2", "section", "主要目标"),
        ("s2/col1", "column", "乡村建设重点工程"),
        ("s3", "section", "重点任务"),
        ("s3/sub1", "subsection", "推进农业现代化"),
        ("s3/sub1/cl1", "clause", "建设高标准农田"),
        ("s3/sub1/cl2", "clause", "发展设施农业"),
        ("s3/sub2", "subsection", "建设宜居宜业和美乡村"),
    ]
    counts = plan.counts()
    assert (counts["parts"], counts["chapters"], counts["sections"], counts["columns"]) == (0, 0, 3, 1)
    assert plan.root.children[0].paragraphs == ("为加快推进乡村全面振兴，依据县“十五五”规划纲要，编制本规划。",)


def test_the_text_under_the_sections_is_read_as_the_plan_body_not_as_its_preface() -> None:
    plan = extract_plan(PLAN)
    assert [(c.quantity, c.deadline, c.node) for c in plan.commitments] == [
        ("农村自来水普及率达到95%", 2030, "s2"), ("建设高标准农田10万亩", 2030, "s2/col1"),
        ("新建高标准农田5万亩", 2028, "s3/sub1/cl1")]
    found = plan.root.find("s1")
    assert found is not None and found.paragraphs == ("“十四五”以来，全县粮食产量稳定在50万吨以上。",)
