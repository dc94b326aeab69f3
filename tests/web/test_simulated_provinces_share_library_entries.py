"""The simulated country with shared 指标库 entries (`load_synthetic --shared-entries`, the scale benchmark's data):
every provincial plan's indicator carries the same confirmed entry as the national plan's, each county's value is
entered once, under its province's plan, and shows in that plan and in the national plan (一数多用) — a small
country here: 2 provinces, 3 counties each."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.core.errors import PlanwatchError
from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Indicator, IndicatorEntry, Plan
from planwatch.web.synthetic_load import LoadedCountry, load_country


@pytest.fixture
def country(demo: Plan) -> LoadedCountry:
    return load_country(counties=6, indicators=25, seed=11, provinces=2, shared_entries=True)


def _provincial(country: LoadedCountry) -> list[Plan]:
    return list(Plan.objects.filter(parent=country.plan).order_by("id"))


def test_every_plan_carries_the_national_indicators_confirmed_entries(country: LoadedCountry) -> None:
    national = {i.no: i for i in country.plan.indicators.select_related("entry")}
    assert len(national) == 25
    assert all(i.entry is not None and i.entry.confirmed for i in national.values())
    assert len({i.entry_id for i in national.values()}) == 25  # one entry per measure, none doubled up
    # the demo's plans carry indicators of the same names: their entries stay theirs
    ours = [country.plan.pk, *country.weaker]
    assert not Indicator.objects.filter(entry__in=[i.entry_id for i in national.values()]).exclude(
        plan_id__in=ours).exists()
    assert Indicator.objects.exclude(plan_id__in=ours).filter(name=national[1].name).exists()
    provinces = _provincial(country)
    assert [p.region.level for p in provinces] == ["省", "省"]
    for plan in provinces:
        rows = list(plan.indicators.all())
        assert {i.no: i.entry_id for i in rows} == {no: i.entry_id for no, i in national.items()}
        assert all(i.upper_id == national[i.no].pk for i in rows)  # 规划衔接 to the national indicator


def test_the_load_confirms_no_entry_of_other_plans(demo: Plan) -> None:
    before = set(IndicatorEntry.objects.filter(confirmed=True).values_list("pk", flat=True))
    country = load_country(counties=6, indicators=25, seed=11, provinces=2, shared_entries=True)
    ours = set(country.plan.indicators.values_list("entry_id", flat=True))
    assert set(IndicatorEntry.objects.filter(confirmed=True).values_list("pk", flat=True)) == before | ours
    assert not before & ours


def test_each_county_reports_once_to_its_provinces_plan(country: LoadedCountry) -> None:
    assert not Observation.objects.filter(indicator__plan=country.plan).exists()
    rows = list(Observation.objects.filter(indicator__plan__parent=country.plan)
                .select_related("indicator__plan", "region__parent"))
    assert len(rows) == country.observations > 6 * 25 * 5
    assert all(o.region.level == "县" and o.indicator.plan.region_id == o.region.parent.parent_id for o in rows)


def _observations(client: Client, plan: Plan, region: Region) -> dict[int, float]:
    response = client.get(f"/api/plans/{plan.pk}/observations", {"region": region.pk, "year": 2024})
    assert response.status_code == 200, response.content
    return {row["indicator"]: row["value"] for row in response.json()}


def test_a_county_value_shows_in_its_province_plan_and_the_national_plan(leader: Client,
                                                                         country: LoadedCountry) -> None:
    county = Region.objects.filter(level="县", name__startswith="模拟").order_by("-id").first()
    assert county is not None and county.parent is not None
    entered = {o.indicator.no: o.value for o in Observation.objects.filter(region=county, year=2024)
               .select_related("indicator")}
    assert entered
    own, other = sorted(_provincial(country), key=lambda p: p.region_id != county.parent.parent_id)
    assert _observations(leader, own, county) == entered
    assert _observations(leader, country.plan, county) == entered
    assert _observations(leader, other, county) == {}  # another province's plan covers other regions
    # evaluated from the same values: the same actual figure in both plans (their targets may differ)
    actuals = [_actuals(leader, plan, county) for plan in (own, country.plan)]
    assert actuals[0] == actuals[1] and any(v is not None for v in actuals[0].values())


def _actuals(client: Client, plan: Plan, region: Region) -> dict[int, float | None]:
    response = client.get(f"/api/plans/{plan.pk}/evaluation", {"as_of": 2024, "region": region.pk})
    assert response.status_code == 200, response.content
    return {row["no"]: row["actual"] for row in response.json()}


def test_shared_entries_need_the_provincial_plans(demo: Plan) -> None:
    with pytest.raises(PlanwatchError):
        load_country(counties=6, indicators=25, provinces=2, provincial_plans=False, shared_entries=True)
