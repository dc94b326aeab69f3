"""Dashboards at every level of a region tree: a region without its own values gets them rolled up from
the regions below it (sums, population-weighted means, nothing for rates), on SQLite and PostgreSQL."""

from __future__ import annotations

import math

import pytest
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan
from planwatch.web.synthetic_load import LoadedCountry, load_country


@pytest.fixture
def country(demo: Plan) -> LoadedCountry:
    return load_country(counties=40, indicators=30, seed=11)


def _evaluation(client: Client, plan: Plan, region: Region, as_of: int = 2024) -> dict[int, dict]:  # type: ignore[type-arg]
    response = client.get(f"/api/plans/{plan.pk}/evaluation", {"as_of": as_of, "region": region.pk})
    assert response.status_code == 200, response.content
    return {row["no"]: row for row in response.json()}


def _indicator(plan: Plan, unit: str, kind: str) -> int:
    return next(i.no for i in plan.indicators.order_by("no") if i.unit == unit and i.kind == kind)


def test_the_generated_tree_has_every_level(country: LoadedCountry) -> None:
    levels = {level: Region.objects.filter(level=level, name__startswith="模拟").count()
              for level in ("国家", "省", "市", "县")}
    assert levels["国家"] == 1 and levels["县"] == 40 and levels["省"] <= levels["市"] <= 40
    assert all(r.parent is not None and r.parent.level == "市" for r in Region.objects.filter(level="县"))
    assert Observation.objects.filter(indicator__plan=country.plan).count() == country.observations > 40 * 30 * 5


def test_a_city_sums_its_counties(leader: Client, country: LoadedCountry) -> None:
    no = _indicator(country.plan, "亿元", "level")  # 地区生产总值: additive
    city = Region.objects.filter(level="市").order_by("id").first()
    assert city is not None
    values = list(Observation.objects.filter(indicator__plan=country.plan, indicator__no=no, year=2024,
                                             region__parent=city).values_list("value", flat=True))
    assert len(values) == city.children.count()
    assert math.isclose(_evaluation(leader, country.plan, city)[no]["actual"], sum(values), rel_tol=1e-6)


def test_the_nation_weighs_shares_by_population(leader: Client, country: LoadedCountry) -> None:
    no = _indicator(country.plan, "%", "level")  # a share: population-weighted mean
    rows = Observation.objects.filter(indicator__plan=country.plan, indicator__no=no, year=2024)
    pairs = [(o.value, o.region.population) for o in rows.select_related("region")]
    expected = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
    national = country.plan.region
    assert math.isclose(_evaluation(leader, country.plan, national)[no]["actual"], expected, rel_tol=1e-6)


def test_growth_rates_are_not_derived(leader: Client, country: LoadedCountry) -> None:
    no = _indicator(country.plan, "%", "growth_rate")
    assert _evaluation(leader, country.plan, country.plan.region)[no]["status"] == "no_data"


def test_a_value_reported_for_the_region_itself_wins(leader: Client, country: LoadedCountry) -> None:
    no = _indicator(country.plan, "亿元", "level")
    city = Region.objects.filter(level="市").order_by("id").first()
    Observation.objects.create(indicator=country.plan.indicators.get(no=no), region=city, year=2024, value=12345.0,
                               source="市统计局", status=Status.PUBLISHED)
    assert _evaluation(leader, country.plan, city)[no]["actual"] == 12345.0


def test_the_overview_switches_region(leader: Client, country: LoadedCountry) -> None:
    province = Region.objects.filter(level="省").order_by("id").first()
    assert province is not None
    body = leader.get("/overview/", {"plan": country.plan.pk, "region": province.pk}).content.decode()
    assert province.name in body and "模拟全国" in body  # the path up
    assert all(c.name in body for c in province.children.all())  # the switch down


def test_a_region_outside_the_plan_is_not_found(leader: Client, country: LoadedCountry, demo: Plan) -> None:
    county = Region.objects.filter(level="县").first()
    assert county is not None
    assert leader.get("/overview/", {"plan": demo.pk, "region": county.pk}).status_code == 404
    assert leader.get("/overview/", {"plan": demo.pk, "region": "x"}).status_code == 200  # odd input: default


def test_loading_twice_is_refused_and_writes_nothing(country: LoadedCountry) -> None:
    from planwatch.core.errors import PlanwatchError

    regions = Region.objects.count()
    with pytest.raises(PlanwatchError, match="只能载入一次"):
        load_country(counties=40, indicators=30, seed=11)
    assert Region.objects.count() == regions
