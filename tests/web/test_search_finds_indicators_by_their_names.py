"""An indicator is found by its name, also where the query uses the common abbreviation and the name the full form
(能耗 → 单位地区生产总值能源消耗降低, 碳排放 → …二氧化碳排放降低, GDP → 地区生产总值…), and the other way round;
the synonym list is core.textsearch.SYNONYMS, applied when indexing and when querying."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.core.textsearch import SYNONYMS, index_tokens, query_tokens
from planwatch.web.plans.models import Plan
from planwatch.web.plans.search import build_index, search


def _indicators(plan: Plan, query: str) -> list[str]:
    return [h.title for h in search(plan, query) if h.kind == "indicator"]


@pytest.mark.parametrize(("query", "name"), [("能耗", "单位地区生产总值能源消耗降低"),
                                             ("碳排放", "单位地区生产总值二氧化碳排放降低"),
                                             ("单位GDP能耗", "单位地区生产总值能源消耗降低"),
                                             ("研发", "研发经费投入增长"),
                                             ("森林覆盖率", "森林覆盖率")])
def test_it_finds_the_indicator_of_the_demo_plan_by_its_name(demo: Plan, query: str, name: str) -> None:
    assert name in _indicators(demo, query)
    # 能耗 is not in the name (能源消耗 is): only the synonym group finds it (碳排放 is inside 二氧化碳排放)
    if query in ("能耗", "单位GDP能耗"):
        assert query not in name


def test_it_ranks_the_indicator_first_and_marks_the_full_form(demo: Plan) -> None:
    hit = search(demo, "能耗")[0]
    assert (hit.kind, hit.title) == ("indicator", "单位地区生产总值能源消耗降低")
    assert "<mark>能源消耗</mark>" in hit.snippet


def test_the_full_form_finds_the_abbreviation(demo: Plan) -> None:
    other = Plan.objects.create(title="节能规划（示例）", region=demo.region, base_year=2020, end_year=2025)
    other.nodes.create(node_id="c1", kind="chapter", title="节能降耗", text="严格控制全区能耗强度。", position=1)
    other.indicators.create(no=1, name="研究与试验发展经费投入强度", category="创新", unit="%", target_raw="3")
    build_index(other)
    assert [h.title for h in search(other, "能源消耗")] == ["节能降耗"]
    assert [h.title for h in search(other, "研发")] == ["研究与试验发展经费投入强度"]
    assert search(other, "碳排放") == []


def test_an_indicator_name_is_a_document_of_its_own(demo: Plan) -> None:
    docs = demo.search_docs.filter(kind="indicator")
    assert sorted(d.title for d in docs) == sorted(i.name for i in demo.indicators.all())
    assert all(d.item_pk == demo.indicators.get(no=d.ref).pk for d in docs)


def test_one_list_serves_index_and_query() -> None:
    for group in SYNONYMS:
        for word in group:
            wanted = set(query_tokens(word))
            for other in group:
                assert wanted <= set(index_tokens(f"推进{other}工作").split()), (word, other)


def test_the_search_page_lists_the_indicator_for_the_public(outsider: Client, demo: Plan) -> None:
    body = outsider.get("/search/", {"q": "碳排放"}).content.decode()
    assert f'href="/plans/{demo.pk}/indicators/20/"' in body and "单位地区生产总值二氧化碳排放降低" in body
