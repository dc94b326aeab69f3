"""The title is the plan's own name, past a news dateline or headline; the period, without an indicator table that
names its years, is the one the title names."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.blocks import Break, Paragraph
from planwatch.core.extract import extract_plan
from planwatch.core.structure import build_outline

BODY = "\n第一章　发展环境\n发展基础更加坚实。\n第二章　主要目标\n到2035年，基本实现现代化。\n"


def _plan(tmp_path: Path, head: str) -> tuple[str | None, tuple[int | None, int | None], tuple[str, ...]]:
    path = tmp_path / "plan.txt"
    path.write_text(head + BODY, encoding="utf-8")
    plan = extract_plan(path)
    preface = plan.root.children[0].paragraphs if plan.root.children[0].kind == "preface" else ()
    return plan.title, plan.plan_years, preface


@pytest.mark.parametrize(("title", "years"), [
    ("某市国民经济和社会发展第十五个五年规划纲要", (2025, 2030)),
    ("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要", (2020, 2025)),
    ("乡村全面振兴规划（2024—2027年）", (2023, 2027)),
    ("加快建设教育强国规划纲要（2024—2035年）", (2023, 2035)),
    ("某市“十五五”生态环境保护规划", (2025, 2030)),
])
def test_the_period_is_the_one_the_title_names(tmp_path: Path, title: str, years: tuple[int, int]) -> None:
    assert _plan(tmp_path, title)[:2] == (title, years)


def test_a_dateline_before_the_title_is_no_part_of_the_plan(tmp_path: Path) -> None:
    title, years, preface = _plan(tmp_path, "新华社北京3月12日电\n\n某市国民经济和社会发展第十五个五年规划纲要")
    assert (title, years, preface) == ("某市国民经济和社会发展第十五个五年规划纲要", (2025, 2030), ())


def test_a_news_headline_gives_the_plans_name_and_the_news_wrapper_is_dropped(tmp_path: Path) -> None:
    head = ("中共中央　国务院印发《乡村全面振兴规划（2024—2027年）》\n\n"
            "新华社北京1月22日电　近日，中共中央、国务院印发了《乡村全面振兴规划（2024—2027年）》。\n\n"
            "《乡村全面振兴规划（2024—2027年）》主要内容如下。\n\n---\n\n乡村全面振兴规划（2024—2027年）\n\n"
            "为有力有效推进乡村全面振兴，制定本规划。")
    assert _plan(tmp_path, head) == ("乡村全面振兴规划（2024—2027年）", (2023, 2027), ("为有力有效推进乡村全面振兴，制定本规划。",))


def test_the_title_written_again_with_its_years_is_not_a_paragraph() -> None:
    blocks = [Paragraph("新华社北京3月12日电"), Paragraph("某市国民经济和社会发展第十四个五年规划纲要"), Break(),
              Paragraph("某市国民经济和社会发展第十四个五年（2021－2025年）规划纲要"), Paragraph("第一章　发展环境")]
    outline = build_outline(blocks)
    assert outline.title == "某市国民经济和社会发展第十四个五年规划纲要"
    assert [n.kind for n in outline.root.children] == ["chapter"]


def test_a_news_lead_before_the_title_is_dropped(tmp_path: Path) -> None:
    head = "新华社北京3月13日电　近日，某市印发了规划纲要，全文如下。\n\n某市国民经济和社会发展第十五个五年规划纲要"
    assert _plan(tmp_path, head) == ("某市国民经济和社会发展第十五个五年规划纲要", (2025, 2030), ())
