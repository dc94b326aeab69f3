"""一数多用 for an upper plan (issue 17, item 1): the demo's national 14th FYP, looked at for 金普新区 (``?region=``: the
district lies below 全国), shows the district's own values for the indicators that share a confirmed 指标库 entry
with the district's plan — a value entered once under Jinpu's indicator — and keeps its own national values for
全国; the national values never appear among the district's, and an unconfirmed entry shares nothing."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans import library
from planwatch.web.plans.models import Indicator, IndicatorEntry, Plan, touch_plans

LIFE = "人均预期寿命"  # Jinpu's 14th no. 18 and the national 14th's no. 13: one entry (same name, same unit)


def _national_14th() -> Plan:
    return Plan.objects.get(region__name="全国", end_year=2025)


def _row(client: Client, plan: Plan, no: int, region: int | None = None) -> dict[str, object]:
    query: dict[str, object] = {"as_of": 2025}
    if region is not None:
        query["region"] = region
    response = client.get(f"/api/plans/{plan.pk}/evaluation", query)
    assert response.status_code == 200, response.content
    return next(r for r in response.json() if r["no"] == no)


def _setup(demo: Plan) -> tuple[Indicator, Indicator, float]:
    """Jinpu's and the nation's life-expectancy indicators, confirmed as one entry, Jinpu's values cleared so that
    the one entered in the test is the only one; returns them and the nation's published 2025 value."""
    ours = demo.indicators.get(name=LIFE)
    theirs = _national_14th().indicators.get(name=LIFE)
    assert ours.entry_id == theirs.entry_id is not None
    library.confirm(User.objects.get(username="fgj_admin"), ours.entry)  # a no-op if the demo confirmed it already
    Observation.objects.filter(indicator=ours).delete()
    touch_plans([demo.pk])
    national = Observation.objects.get(indicator=theirs, region=theirs.plan.region, year=2025).value
    return ours, theirs, national


def test_the_national_plan_for_jinpu_shows_the_value_entered_once_for_jinpu(demo: Plan, admin_client: Client) -> None:
    ours, theirs, national = _setup(demo)
    save_value(User.objects.get(username="fgj_admin"), ours, demo.region, 2025, 81.9, comment="示例")

    for_jinpu = _row(admin_client, theirs.plan, theirs.no, demo.region.pk)
    assert (for_jinpu["actual"], for_jinpu["actual_year"]) == (81.9, 2025)
    assert _row(admin_client, theirs.plan, theirs.no)["actual"] == national == 79.25  # 全国: its own value
    assert _row(admin_client, demo, ours.no)["actual"] == 81.9  # the district's plan: its own value

    page = admin_client.get(f"/plans/{theirs.plan.pk}/indicators/{theirs.no}/",
                            {"region": demo.region.pk, "as_of": 2025}).content.decode()
    assert "81.9" in page and "79.25" not in page  # the history for Jinpu: Jinpu's row, not the nation's
    overview = admin_client.get("/overview/", {"plan": theirs.plan.pk, "region": demo.region.pk})
    assert overview.status_code == 200 and "金普新区" in overview.content.decode()


def test_the_national_values_are_not_mixed_into_jinpus(demo: Plan, admin_client: Client) -> None:
    ours, theirs, national = _setup(demo)
    # nothing entered for Jinpu: the nation's 79.25 is no value of Jinpu's, in either plan
    assert _row(admin_client, theirs.plan, theirs.no, demo.region.pk)["status"] == "no_data"
    assert _row(admin_client, demo, ours.no)["status"] == "no_data"
    page = admin_client.get(f"/plans/{demo.pk}/indicators/{ours.no}/", {"as_of": 2025}).content.decode()
    assert format(national, "g") not in page


def test_an_unconfirmed_entry_shares_nothing_with_the_upper_plan(demo: Plan, admin_client: Client) -> None:
    ours, theirs, _ = _setup(demo)
    save_value(User.objects.get(username="fgj_admin"), ours, demo.region, 2025, 81.9, comment="示例")
    IndicatorEntry.objects.filter(pk=ours.entry_id).update(confirmed=False)
    touch_plans([demo.pk, theirs.plan_id])
    assert _row(admin_client, theirs.plan, theirs.no, demo.region.pk)["status"] == "no_data"
    assert _row(admin_client, demo, ours.no)["actual"] == 81.9


def test_a_region_outside_the_upper_plan_is_still_refused(demo: Plan, admin_client: Client) -> None:
    from planwatch.web.accounts.models import Region

    elsewhere = Region.objects.create(name="不在全国之下的示例区")
    response = admin_client.get(f"/api/plans/{_national_14th().pk}/evaluation", {"region": elsewhere.pk, "as_of": 2025})
    assert response.status_code == 404
