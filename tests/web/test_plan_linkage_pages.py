"""规划衔接 on the platform: provincial indicators linked to the national ones they implement; the page and
the API flag exactly the targets that are weaker; only the planning office changes links."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.plans.models import Indicator, Plan
from planwatch.web.synthetic_load import LoadedCountry, load_country


@pytest.fixture
def country(demo: Plan) -> LoadedCountry:
    return load_country(counties=40, indicators=30, seed=11)


def test_weaker_targets_are_exactly_those_made_weaker(leader: Client, country: LoadedCountry) -> None:
    seen = {"weaker": 0, "not_weaker": 0}
    for plan_id, weaker in country.weaker.items():
        rows = leader.get(f"/api/plans/{plan_id}/linkage").json()
        assert all(r["upper_no"] == r["no"] for r in rows)
        for r in rows:
            if r["status"] in seen:
                seen[r["status"]] += 1
                assert (r["status"] == "weaker") == (r["no"] in weaker), r
    assert seen["weaker"] > 0 and seen["not_weaker"] > 0


def test_the_page_marks_weaker_targets(leader: Client, country: LoadedCountry) -> None:
    plan_id = next(pk for pk, weaker in country.weaker.items() if weaker)
    body = leader.get(f"/plans/{plan_id}/linkage/").content.decode()
    assert 'class="weaker"' in body and "弱于上位目标" in body and country.plan.title in body


def _unlinked(country: LoadedCountry) -> tuple[Plan, Indicator, Indicator]:
    plan = Plan.objects.get(pk=next(iter(country.weaker)))
    lower = plan.indicators.get(no=1)
    lower.upper = None
    lower.save()
    return plan, lower, country.plan.indicators.get(no=1)


def test_the_admin_links_an_indicator(admin_client: Client, country: LoadedCountry) -> None:
    plan, lower, upper = _unlinked(country)
    response = admin_client.post(f"/plans/{plan.pk}/linkage/", {"upper-1": str(upper.pk)})
    assert response.status_code == 302
    lower.refresh_from_db()
    assert lower.upper_id == upper.pk


def test_suggestions_by_name_are_accepted_at_once(admin_client: Client, country: LoadedCountry) -> None:
    plan, lower, upper = _unlinked(country)
    assert "建议：" in admin_client.get(f"/plans/{plan.pk}/linkage/").content.decode()
    admin_client.post(f"/plans/{plan.pk}/linkage/", {"action": "accept"})
    lower.refresh_from_db()
    assert lower.upper_id == upper.pk


@pytest.mark.parametrize("persona", ["reporter", "leader", "outsider"])
def test_others_cannot_change_links(persona: str, request: pytest.FixtureRequest, country: LoadedCountry) -> None:
    client: Client = request.getfixturevalue(persona)
    plan, lower, upper = _unlinked(country)
    response = client.post(f"/plans/{plan.pk}/linkage/", {"upper-1": str(upper.pk)})
    assert response.status_code in (302, 403)  # the public is sent to the login page
    lower.refresh_from_db()
    assert lower.upper_id is None


def test_a_link_outside_the_upper_plans_is_refused_whole(admin_client: Client, country: LoadedCountry) -> None:
    plan, _lower, upper = _unlinked(country)
    sibling = plan.indicators.get(no=2)  # an indicator of the same plan is not an upper indicator
    before = list(plan.indicators.order_by("no").values_list("no", "upper_id"))
    response = admin_client.post(f"/plans/{plan.pk}/linkage/", {"upper-1": str(upper.pk), "upper-3": str(sibling.pk)})
    assert response.status_code == 400 and "不属于本规划的上级规划" in response.content.decode()
    assert list(plan.indicators.order_by("no").values_list("no", "upper_id")) == before
