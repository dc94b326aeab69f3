"""The demo carries Jinpu's draft 15th indicator system (issue #17 items 4 and 7): a 草稿 plan of 金普新区 titled
草案, built by core.draft_indicators from the national 15th table and the district's 14th, succeeding the 14th; the
admin sees it on its review and lineage pages, and no public list shows it."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.core.draft_indicators import draft_from_files
from planwatch.core.targets import stored_target
from planwatch.web.demo import DATA
from planwatch.web.plans.models import Plan, PlanStatus


def _draft() -> Plan:
    return Plan.objects.get(region__name="金普新区", base_year=2025)


def _names(page: str, section: str) -> set[str]:
    block = re.search(rf'<ul id="{section}">(.*?)</ul>', page, re.DOTALL)
    assert block is not None
    return {m.rsplit("（", 1)[0] for m in re.findall(r"<li>\d+\. ([^<]+)</li>", block.group(1))}


def test_the_draft_is_a_draft_of_jinpu_succeeding_its_14th(demo: Plan) -> None:
    draft = _draft()
    assert draft.status == PlanStatus.DRAFT and draft.is_draft
    assert "草案" in draft.title and "金普新区" in draft.title and "草案" in draft.source_name
    assert (draft.base_year, draft.end_year) == (2025, 2030)
    assert draft.succeeds == demo and draft.parent == Plan.objects.get(region__name="全国", end_year=2030)  # 规划衔接
    expected = draft_from_files(DATA / "national-15th-main-indicators.csv", DATA / "plans" / "jinpu-14th-fyp.txt",
                                DATA / "jinpu-published-figures.csv")
    stored = list(draft.indicators.order_by("no"))
    assert [(i.name, i.unit) for i in stored] == [(r.name, r.unit) for r in expected.rows]
    for ind, row in zip(stored, expected.rows, strict=True):
        assert ind.attribute == {"约束性": "binding", "预期性": "expected"}[row.suggested_attribute]
        assert ind.baseline_value == row.baseline
        values = {stored_target(ind.target_raw).value, stored_target(ind.growth_raw).value} - {None}
        if row.suggested_value is None:  # 待定 or a target in words: no numeric target
            assert not values, ind.name
        else:
            assert values == {round(row.suggested_value, 2)}, ind.name
        assert any("草案" in n for n in ind.notes)


def test_the_admin_sees_it_labelled_draft(admin_client: Client) -> None:
    draft = _draft()
    for url in (f"/plans/{draft.pk}/review/", f"/plans/{draft.pk}/lineage/", "/plans/"):
        page = admin_client.get(url).content.decode()
        assert "金普新区“十五五”规划主要指标（草案" in page, url


def test_its_lineage_shows_the_14th_continued_or_dropped_and_the_national_ones_new(demo: Plan,
                                                                                    admin_client: Client) -> None:
    draft = _draft()
    page = admin_client.get(f"/plans/{draft.pk}/lineage/").content.decode()
    dropped, added = _names(page, "dropped"), _names(page, "added")
    continued = [name for name in demo.indicators.values_list("name", flat=True) if name not in dropped]
    for name in continued:  # every 14th indicator is either listed as continued or as dropped
        assert re.search(rf"<td>\d+\. {re.escape(name)}（", page), name
    assert len(continued) >= demo.indicators.count() - 2  # the draft keeps the district's own indicators
    assert "3岁以下婴幼儿入托率提高" in added and "养老机构护理型床位占比" in added  # new in the national 15th
    assert not added & set(demo.indicators.values_list("name", flat=True))


def test_no_public_list_shows_it(demo: Plan, outsider: Client, stranger: Client) -> None:
    draft = _draft()
    for client in (outsider, stranger, Client()):
        for url in ("/public/", "/plans/", "/overview/", "/search/?q=草案", "/api/plans"):
            response = client.get(url)
            assert "十五五”规划主要指标（草案" not in response.content.decode(), url
        assert client.get(f"/plans/{draft.pk}/").status_code in (302, 404)
        assert client.get(f"/plans/{draft.pk}/lineage/").status_code in (302, 404)
