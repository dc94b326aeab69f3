"""Tasks are body paragraphs opening with a lead sentence."""

from __future__ import annotations

from planwatch.core.model import Plan
from planwatch.core.tasks import lead_sentence


def test_it_takes_the_lead_sentence_as_the_title(jinpu: Plan) -> None:
    first = jinpu.tasks[0]
    assert (first.title, first.node) == ("谋划布局一批关键技术研发平台", "ch2/s1")
    assert first.body.startswith("聚焦重点产业“卡脖子”攻关需求")
    assert first.body.endswith("到2025年，新增新型研发机构5—10家。")


def test_it_skips_the_review_environment_vision_and_goal_sections(jinpu: Plan) -> None:
    assert not [t for t in jinpu.tasks if t.node.startswith("ch1/")]
    assert "国家级新区核心功能显著提升" not in {t.title for t in jinpu.tasks}


def test_it_leaves_column_items_to_the_project_ledger(jinpu: Plan) -> None:
    assert not [t for t in jinpu.tasks if "/col" in t.node]


def test_it_finds_tasks_in_every_task_chapter(jinpu: Plan) -> None:
    chapters = {t.node.split("/")[0] for t in jinpu.tasks}
    assert chapters == {f"ch{n}" for n in range(2, 11)}
    assert "坚决打赢“碧水守护战”" in {t.title for t in jinpu.tasks}  # ch7 s2 "持续改善环境质量" is a task section
    assert len(jinpu.tasks) == 97


def test_a_long_first_sentence_or_a_principle_is_not_a_lead_sentence() -> None:
    assert lead_sentence("——坚持系统观念。加强前瞻性思考。") is None
    assert lead_sentence("围绕产业链部署创新链，统筹推进国家自主创新示范区建设。形成科创新区。") is None
    assert lead_sentence("培育技术创新应用场景。") is None  # nothing after the lead
    assert lead_sentence("培育技术创新应用场景。依托新区城运中心。") == ("培育技术创新应用场景", "依托新区城运中心。")
