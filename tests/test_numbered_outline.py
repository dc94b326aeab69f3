"""A plan without 篇/章/节 is outlined by its numbered headings 一、 / （一） / 1. (fixtures/layouts/numbered.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.blocks import Paragraph
from planwatch.core.errors import NotAPlanError
from planwatch.core.extract import extract_plan
from planwatch.core.structure import build_outline

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"


def test_it_nests_subsections_clauses_and_items_at_the_top_of_the_tree() -> None:
    plan = extract_plan(LAYOUTS / "numbered.txt")
    assert plan.title == "某县“十五五”现代农业发展规划"
    assert [(n.id, n.kind, n.title) for n in plan.root.walk() if n.kind != "root"] == [
        ("preface", "preface", ""),
        ("sub1", "subsection", "发展基础"),
        ("sub2", "subsection", "主要任务"),
        ("sub2/cl1", "clause", "稳定粮食生产"),
        ("sub2/cl1/it1", "item", "建设高标准农田"),
        ("sub2/cl1/it2", "item", "推广良种良法"),
        ("sub2/cl2", "clause", "发展乡村产业"),
        ("sub3", "subsection", "保障措施"),
        ("sub3/it1", "item", "加强组织领导"),  # 1． (full-width point) right under 三、
    ]
    assert plan.plan_years == (2025, 2030)  # “十五五” in the title
    assert [(c.value, c.deadline) for c in plan.commitments if c.unit == "万亩"] == [(10, 2030)]


def test_run_in_headings_are_headings_titled_by_their_first_sentence() -> None:
    blocks = [Paragraph(t) for t in (
        "某省生态保护规划（2024—2027年）", "一、总体要求", "坚持生态优先。",
        "二、重点任务，分类推进", "（一）加强生态修复。实施山水林田湖草沙一体化保护和修复工程，完成治理面积100万亩。",
        "（二）推进绿色发展。推广清洁能源。", "一是加强领导。二是强化考核。")]
    outline = build_outline(blocks)
    assert [(n.id, n.title, n.paragraphs) for n in outline.root.walk() if n.kind in ("subsection", "clause")] == [
        ("sub1", "总体要求", ("坚持生态优先。",)),
        ("sub2", "重点任务，分类推进", ()),
        ("sub2/cl1", "加强生态修复", ("加强生态修复。实施山水林田湖草沙一体化保护和修复工程，完成治理面积100万亩。",)),
        ("sub2/cl2", "推进绿色发展", ("推进绿色发展。推广清洁能源。", "一是加强领导。二是强化考核。")),
    ]


def test_in_a_plan_with_chapters_a_numbered_sentence_stays_a_paragraph() -> None:
    blocks = [Paragraph(t) for t in ("某县生态环境保护规划", "第一章 重点任务", "一、深入打好碧水保卫战",
                                     "（一）关于饮用水源保护。加强水源地规范化建设。", "1. 划定保护区")]
    outline = build_outline(blocks)
    water = outline.root.find("ch1/sub1")
    assert water is not None and water.children == ()
    assert water.paragraphs == ("（一）关于饮用水源保护。加强水源地规范化建设。", "1. 划定保护区")


def test_a_text_of_numbered_lines_that_names_no_plan_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n一、参会人员\n二、讨论事项\n（一）预算安排\n", encoding="utf-8")
    with pytest.raises(NotAPlanError):
        extract_plan(path)
