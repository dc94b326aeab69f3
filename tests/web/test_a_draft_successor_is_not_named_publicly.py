"""A plan's page names the plans that succeed it (接续规划) only once they are confirmed: the demo's 草案 of Jinpu's
15th, a draft, is not named on the 14th's public page, while the national 15th is on the national 14th's."""

from __future__ import annotations

from django.test import Client

from planwatch.web.plans.models import Plan


def test_the_14ths_page_does_not_name_its_draft_successor(demo: Plan, outsider: Client, admin_client: Client) -> None:
    draft = Plan.objects.get(succeeds=demo)
    assert draft.is_draft
    for client in (outsider, admin_client):
        page = client.get(f"/plans/{demo.pk}/").content.decode()
        assert draft.title not in page and f"/plans/{draft.pk}/" not in page


def test_a_confirmed_successor_is_named(demo: Plan, outsider: Client) -> None:
    fourteenth = Plan.objects.get(region__name="全国", end_year=2025)
    page = outsider.get(f"/plans/{fourteenth.pk}/").content.decode()
    assert "接续规划" in page and Plan.objects.get(succeeds=fourteenth).title in page
