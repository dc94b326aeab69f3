"""A table of contents, wherever it stands and however it is written, never becomes structure."""

from __future__ import annotations

from pathlib import Path

from planwatch.core.blocks import Block, Break, Paragraph
from planwatch.core.extract import extract_plan
from planwatch.core.structure import build_outline

BODY = ["第一篇　开启新征程", "第一章　发展环境", "“十四五”时期是全面建成小康社会之后的五年。", "第一节　取得决定性成就",
        "经济实力跃上新台阶。", "第二章　主要目标", "到2030年，基本实现现代化。", "第二篇　创新驱动", "第三章　强化科技力量",
        "加快建设科技强国。"]
EXPECTED = [("pt1", "开启新征程"), ("pt1/ch1", "发展环境"), ("pt1/ch1/s1", "取得决定性成就"), ("pt1/ch2", "主要目标"),
            ("pt2", "创新驱动"), ("pt2/ch3", "强化科技力量")]


def _outline(lines: list[str | Block]) -> list[tuple[str, str]]:
    blocks = [Paragraph(x) if isinstance(x, str) else x for x in lines]
    root = build_outline(blocks).root
    return [(n.id, n.title) for n in root.walk() if n.kind not in ("root", "preface")]


def test_a_contents_without_page_numbers_is_dropped_and_the_body_counted_once() -> None:
    toc = ["某市国民经济和社会发展第十五个五年规划纲要", "目录", "第一篇　开启新征程", "第一章　发展环境", "第二章　主要目标",
           "第二篇　创新驱动", "第三章　强化科技力量"]
    assert _outline([*toc, *BODY]) == EXPECTED  # the body starts at once: 第一篇 met a second time


def test_a_contents_with_dot_leaders_and_page_numbers_is_dropped() -> None:
    toc = ["目　录", "第一篇　开启新征程………………1", "第一章　发展环境 .......... 1", "第一节　取得决定性成就 2",
           "第二章　主要目标\t5", "第二篇　创新驱动……9", "第三章　强化科技力量 9", "结束语 30", Break()]
    blocks = [Paragraph(x) if isinstance(x, str) else x for x in [*toc, "前言：本规划阐明发展战略。", *BODY]]
    outline = build_outline(blocks)
    assert [(n.id, n.title) for n in outline.root.walk() if n.kind not in ("root", "preface")] == EXPECTED
    assert outline.root.children[0].paragraphs == ("前言：本规划阐明发展战略。",)  # not 结束语 30


def test_a_contents_without_a_contents_line_is_dropped_when_its_entries_stand_again() -> None:
    toc = ["第一篇　开启新征程", "第一章　发展环境", "第二章　主要目标", "第二篇　创新驱动", "第三章　强化科技力量"]
    assert _outline([*toc, "本规划根据建议编制。", *BODY]) == EXPECTED


def test_a_contents_in_the_middle_of_the_document_is_dropped_too() -> None:
    # a contents placed after a foreword (as some HTML pages print it, each entry a heading)
    lines = ["第一篇　开启新征程", "第一章　发展环境", "“十四五”时期是全面建成小康社会之后的五年。", "目录",
             "第一节　取得决定性成就", "第二章　主要目标", "第二篇　创新驱动", "第三章　强化科技力量",
             *BODY[3:]]
    assert _outline(lines) == EXPECTED


def test_headings_in_a_row_in_the_body_are_kept() -> None:
    # 篇, 章 and 节 one after another, none of them standing again: that is body, not contents
    lines = ["第一篇　开启新征程", "第一章　发展环境", "第一节　取得决定性成就", "经济实力跃上新台阶。",
             "第二章　主要目标", "到2030年，基本实现现代化。"]
    assert _outline(lines) == [("pt1", "开启新征程"), ("pt1/ch1", "发展环境"), ("pt1/ch1/s1", "取得决定性成就"),
                               ("pt1/ch2", "主要目标")]


def test_a_contents_of_a_plan_numbered_one_two_three_is_dropped() -> None:
    lines = ["某县乡村振兴规划（2024—2027年）", "目录", "一、总体要求", "二、重点任务", "三、保障措施",
             "本规划阐明目标任务。", "一、总体要求", "坚持农业农村优先发展。", "二、重点任务", "（一）发展乡村产业",
             "培育特色产业。", "三、保障措施", "加强组织领导。"]
    assert _outline(lines) == [("sub1", "总体要求"), ("sub2", "重点任务"), ("sub2/cl1", "发展乡村产业"),
                               ("sub3", "保障措施")]


def test_a_contents_that_shortens_a_title_still_ends_where_the_body_begins() -> None:
    toc = ["目录", "第一篇　开启新征程", "第一章　发展环境", "第二章　目标", "第二篇　创新驱动", "第三章　科技力量"]
    # the body's 第一篇 stands again (with the same title); its 第二章/第三章 have longer titles than the contents
    assert _outline([*toc, *BODY]) == EXPECTED
    toc[1] = "第一篇　新征程"  # even the first entry shortened: the second 第一篇 ends the contents
    assert _outline([*toc, *BODY]) == EXPECTED


def test_a_contents_written_as_html_headings_is_dropped(tmp_path: Path) -> None:
    toc = "".join(f'<h2><a href="#c{i}">{t}</a></h2>' for i, t in enumerate(
        ["第一篇　开启新征程", "第一章　发展环境", "第二章　主要目标", "第二篇　创新驱动", "第三章　强化科技力量"]))
    body = "".join(f"<h1>{t}</h1>" if t.startswith("第") else f"<p>{t}</p>" for t in BODY)
    path = tmp_path / "plan.html"
    path.write_text(f"<html><body><h1>某市国民经济和社会发展第十五个五年规划纲要</h1><h1>目　录</h1>{toc}{body}</body></html>",
                    encoding="utf-8")
    plan = extract_plan(path)
    assert [(n.id, n.title) for n in plan.root.walk() if n.kind not in ("root", "preface")] == EXPECTED
    assert plan.title == "某市国民经济和社会发展第十五个五年规划纲要"
