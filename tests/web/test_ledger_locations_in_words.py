"""A ledger item's place is written as the plan names it (第二章第一节), never as the internal id (ch2/s1)."""

from __future__ import annotations

from django.test import Client

from planwatch.core.locations import location
from planwatch.web.plans.models import Plan


def test_it_writes_chapter_and_section_in_words() -> None:
    assert location("ch2/s1") == "第二章第一节"
    assert location("ch10/s3/col10-1") == "第十章第三节专栏10-1"


def test_the_ledger_pages_show_words_not_ids(leader: Client, demo: Plan) -> None:
    task = demo.tasks.select_related("node").filter(node__node_id__contains="/s").order_by("id").first()
    for url in ("/ledgers/tasks/", f"/ledgers/tasks/{task.pk}/"):
        body = leader.get(url).content.decode()
        assert location(task.node.node_id) in body
        assert f">{task.node.node_id}<" not in body
