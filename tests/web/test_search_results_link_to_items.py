"""Every search hit links to what it found — an outline node to its line in the plan page, an indicator to its page,
a task, project or commitment to its ledger page (for staff; the public, who may not read the ledgers, to the
item's place in the outline) — and the link answers 200 for the one who searched."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from planwatch.web.plans.models import Commitment, Plan, Project, Task, node_anchor
from planwatch.web.plans.search import Hit, search

# (kind, how to find a query for it on the demo plan)
QUERIES = {"node": "氢能", "column": "氢能", "task": "氢能", "project": "氢能", "indicator": "森林覆盖率"}
LEDGER = {"task": ("tasks", Task, "title"), "project": ("projects", Project, "name"),
          "commitment": ("commitments", Commitment, "quantity")}
HIT = re.compile(r'<li class="hit"><span class="tag">[^<]*</span>\s*<a class="hit-link" href="([^"]+)">([^<]+)</a>')


def _links(client: Client, plan: Plan, query: str) -> list[tuple[str, str]]:
    body = client.get("/search/", {"q": query, "plan": plan.pk}).content.decode()
    return [(html.unescape(url), html.unescape(title)) for url, title in HIT.findall(body)]


def _query_for(plan: Plan, kind: str) -> str:
    if kind == "commitment":  # the figure of the first commitment the demo plan makes
        return str(Commitment.objects.filter(plan=plan).order_by("id").values_list("quantity", flat=True)[0])
    return QUERIES[kind]


def _hit(plan: Plan, kind: str) -> tuple[str, Hit]:
    query = _query_for(plan, kind)
    hit = next((h for h in search(plan, query) if h.kind == kind), None)
    assert hit is not None, f"no {kind} hit for {query}"
    return query, hit


@pytest.mark.parametrize("kind", ["task", "project", "commitment"])
def test_it_links_an_item_to_its_ledger_page_for_staff(admin_client: Client, demo: Plan, kind: str) -> None:
    query, hit = _hit(demo, kind)
    ledger, model, field = LEDGER[kind]
    item = model.objects.get(pk=hit.item_pk)
    url = f"/ledgers/{ledger}/{item.pk}/"
    assert (url, hit.title) in _links(admin_client, demo, query)
    page = admin_client.get(url)
    assert page.status_code == 200
    assert html.escape(getattr(item, field)[:40]) in page.content.decode()


@pytest.mark.parametrize("kind", ["task", "project", "commitment"])
def test_it_links_an_item_to_its_place_in_the_outline_for_the_public(outsider: Client, demo: Plan,
                                                                     kind: str) -> None:
    query, hit = _hit(demo, kind)
    url = f"/plans/{demo.pk}/#{node_anchor(hit.node_id)}"
    assert (url, hit.title) in _links(outsider, demo, query)
    assert outsider.get(f"/ledgers/{LEDGER[kind][0]}/{hit.item_pk}/").status_code in (302, 403)
    page = outsider.get(url.split("#")[0])
    assert page.status_code == 200
    assert f'id="{node_anchor(hit.node_id)}"' in page.content.decode()


@pytest.mark.parametrize("kind", ["node", "column"])
@pytest.mark.parametrize("persona", ["outsider", "admin_client", "reporter", "leader"])
def test_it_links_an_outline_node_to_its_line_in_the_plan_page(request: pytest.FixtureRequest, demo: Plan,
                                                               kind: str, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    query, hit = _hit(demo, kind)
    node = demo.nodes.get(node_id=hit.node_id)
    url = f"/plans/{demo.pk}/#{node.anchor}"
    assert (url, hit.title) in _links(client, demo, query)
    page = client.get(url.split("#")[0]).content.decode()
    line = re.search(rf'<li id="{re.escape(node.anchor)}"[^>]*>(.*?)</li>', page, re.DOTALL)
    assert line is not None and html.escape(node.title) in line.group(1)


@pytest.mark.parametrize("persona", ["outsider", "admin_client"])
def test_it_links_an_indicator_to_its_page(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    query, hit = _hit(demo, "indicator")
    indicator = demo.indicators.get(pk=hit.item_pk)
    url = f"/plans/{demo.pk}/indicators/{indicator.no}/"
    assert (url, indicator.name) in _links(client, demo, query)
    page = client.get(url)
    assert page.status_code == 200 and indicator.name in page.content.decode()


def test_every_hit_on_the_page_has_a_link(outsider: Client, demo: Plan) -> None:
    body = outsider.get("/search/", {"q": "氢能"}).content.decode()
    assert body.count('<li class="hit">') == len(HIT.findall(body)) >= 5
