"""The plan's structure is exported through the API: the outline tree with who answers for each item."""

from __future__ import annotations

from collections import Counter

from django.test import Client

from planwatch.web.accounts.models import Department
from planwatch.web.plans.models import Plan


def test_the_outline_comes_back_as_a_tree_in_document_order(outsider: Client, demo: Plan) -> None:
    rows = outsider.get(f"/api/plans/{demo.pk}/structure").json()
    kinds = Counter(r["kind"] for r in rows)
    # 10 章, 45 节 and 26 专栏, as the plan itself counts them.
    assert (kinds["chapter"], kinds["section"], kinds["column"]) == (10, 45, 26)
    seen: set[str] = set()
    for r in rows:  # every parent comes before its children: the flat list rebuilds the tree in one pass
        assert r["parent"] is None or r["parent"] in seen, r["node_id"]
        seen.add(r["node_id"])
    chapters = [r["title"] for r in rows if r["kind"] == "chapter"]
    assert chapters == [n.title for n in demo.nodes.filter(kind="chapter").order_by("position")]


def test_every_task_project_and_commitment_is_under_its_node_with_its_units(outsider: Client, demo: Plan) -> None:
    lead, co = Department.objects.all()[:2]
    task = demo.tasks.select_related("node").first()
    assert task is not None
    task.lead, task.progress = lead, 40
    task.save(update_fields=["lead", "progress"])
    task.co_units.set([co])
    rows = outsider.get(f"/api/plans/{demo.pk}/structure").json()
    items = [i for r in rows for i in r["items"]]
    counts = Counter(i["kind"] for i in items)
    assert counts == {"task": demo.tasks.count(), "project": demo.projects.count(),
                      "commitment": demo.commitments.count()}
    node = next(r for r in rows if r["node_id"] == task.node.node_id)
    exported = next(i for i in node["items"] if i["kind"] == "task" and i["title"] == task.title)
    assert (exported["lead"], exported["co_units"], exported["progress"]) == (lead.name, [co.name], 40)


def test_an_unknown_plan_is_a_404(outsider: Client) -> None:
    assert outsider.get("/api/plans/999999/structure").status_code == 404
