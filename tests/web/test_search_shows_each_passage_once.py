"""One passage appears once in the search results: a task's paragraph is also part of its section's text, a
commitment's sentence part of the task's paragraph; the item's hit shows it, and its section shows another
matching paragraph or is left out."""

from __future__ import annotations

import pytest

from planwatch.web.plans.models import Plan, SearchDoc
from planwatch.web.plans.search import PASSAGE_KINDS, search

QUERIES = ["氢能", "能耗", "研发", "碳排放", "GDP", "新能源"]


@pytest.mark.parametrize("query", QUERIES)
def test_no_passage_is_shown_twice(demo: Plan, query: str) -> None:
    hits = search(demo, query)
    assert hits
    passages = [h.passage for h in hits]
    assert len(set(passages)) == len(passages)
    text = [h.passage for h in hits if h.kind in PASSAGE_KINDS]
    for i, a in enumerate(text):
        assert not any(a in b for j, b in enumerate(text) if i != j), a


def test_the_task_is_shown_not_its_section_again(demo: Plan) -> None:
    task = demo.tasks.get(title="构筑新能源创新发展先导区")
    # the index holds the body twice (the task and its section): without the rule it would be listed twice
    assert SearchDoc.objects.filter(plan=demo, text__contains=task.body[:60]).count() >= 2
    showing = [h for h in search(demo, "氢能") if task.body[:60] in h.passage or h.passage in task.body]
    assert [(h.kind, h.title) for h in showing] == [("task", task.title)]


def test_a_section_with_another_matching_paragraph_stays(demo: Plan) -> None:
    for hit in search(demo, "氢能"):
        if hit.kind == "node":
            node = demo.nodes.get(node_id=hit.node_id)
            assert hit.passage in " ".join(node.text.split()) and "氢能" in hit.passage
            assert not demo.tasks.filter(node=node, body__contains=hit.passage[:40]).exists()
