"""Chinese full-text search with highlighted hits, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.plans.models import Plan
from planwatch.web.plans.search import search


def test_two_character_words_are_found(demo: Plan) -> None:
    hits = search(demo, "氢能")
    assert len(hits) >= 5
    titles = {h.title for h in hits}
    assert "构筑新能源创新发展先导区" in titles  # a task whose text says 以氢能源创新发展为引领 (jieba: 以氢/能源)
    assert all("<mark>氢能</mark>" in h.snippet for h in hits)


def test_an_indicator_word_finds_the_indicator(demo: Plan) -> None:
    hits = search(demo, "能耗")
    assert any(h.kind == "indicator" and h.ref == 19 for h in hits) or any("能耗" in h.snippet for h in hits)
    assert any("能耗" in h.snippet for h in hits)


def test_every_word_of_the_query_must_match(demo: Plan) -> None:
    both = search(demo, "氢能 加氢站")
    assert both and all("氢能" in h.snippet or "加氢站" in h.snippet for h in both)
    assert len(both) <= len(search(demo, "氢能"))
    assert search(demo, "氢能 不存在的词语组合") == []


@pytest.mark.parametrize("query", ['"', "'", "氢能\" OR \"", "NEAR(氢能 产业)", "*", "氢能'; DROP TABLE plans_plan; --",
                                   "%", "\\", "a:b", "()", "^氢能"])
def test_search_is_safe_with_sql_and_fts_metacharacters(demo: Plan, query: str) -> None:
    search(demo, query)  # must not raise
    assert Plan.objects.filter(pk=demo.pk).exists()


def test_the_search_page_shows_marked_hits(outsider: Client, demo: Plan) -> None:
    body = outsider.get("/search/", {"q": "氢能"}).content.decode()
    assert body.count("<mark>氢能</mark>") >= 5


def test_the_search_page_escapes_the_query(outsider: Client, demo: Plan) -> None:
    body = outsider.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_a_search_stays_within_its_plan(demo: Plan) -> None:
    from planwatch.web.plans.models import SearchDoc
    from planwatch.web.plans.search import build_index

    other = Plan.objects.create(title="另一规划", region=demo.region, base_year=2020, end_year=2025)
    other.nodes.create(node_id="c1", kind="chapter", title="氢能专章", text="建设加氢站和氢能产业园。", position=1)
    build_index(other)
    assert [h.title for h in search(other, "氢能")] == ["氢能专章"]
    assert all(h.node_id != "c1" for h in search(demo, "氢能"))
    pk = other.pk
    other.delete()  # the index follows: no document of a deleted plan is left
    assert not SearchDoc.objects.filter(plan_id=pk).exists()
