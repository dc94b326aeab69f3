"""A plan's regions are its own region and the regions below it. Values for any other region — a neighbour, or
the city above — are refused on the entry form, the API and the bulk import (nothing written), and the API
refuses to evaluate them as the pages do."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.core.errors import PlanwatchError
from planwatch.web.accounts.models import ApiToken, Region
from planwatch.web.monitoring.bulk import import_observations
from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import WorkflowError, save_value
from planwatch.web.plans.models import Plan


@pytest.fixture
def outside(demo: Plan) -> list[Region]:
    """The city above the plan's region, and a district beside it under that city."""
    city = Region.objects.create(name="大连市", level="市")
    Region.objects.filter(pk=demo.region_id).update(parent=city)
    return [city, Region.objects.create(name="旅顺口区", level="区", parent=city)]


def _reporter() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="tjj_tianbao"))
    return client


def _token() -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(User.objects.get(username='tjj_tianbao'), '地区')[1]}"}


def test_the_entry_form_refuses_a_region_outside_the_plan(demo: Plan, outside: list[Region]) -> None:
    for region in outside:
        response = _reporter().post("/report/save/", {"indicator": demo.indicators.get(no=1).pk, "year": 2025,
                                                      "value": "5.5", "region": region.pk, "version": 0})
        assert response.status_code == 400
        assert "不在本规划的范围内" in response.content.decode()
        assert not Observation.objects.filter(region=region).exists()
    zone = Region.objects.filter(parent=demo.region).first()  # a region below the plan's is one of its own
    assert zone is not None
    response = _reporter().post("/report/save/", {"indicator": demo.indicators.get(no=1).pk, "year": 2025,
                                                  "value": "5.5", "region": zone.pk, "version": 0})
    assert response.status_code == 302
    assert Observation.objects.filter(region=zone, year=2025, source="").exists()


def test_the_api_refuses_a_region_outside_the_plan(demo: Plan, outside: list[Region]) -> None:
    for region in outside:
        response = Client().post("/api/observations", {"indicator": demo.indicators.get(no=1).pk, "year": 2025,
                                                       "value": 5.5, "region": region.name},
                                 content_type="application/json", **_token())
        assert response.status_code == 400
        assert "不在本规划的范围内" in response.json()["detail"]
        assert not Observation.objects.filter(region=region).exists()


def test_the_service_refuses_a_region_outside_the_plan(demo: Plan, outside: list[Region]) -> None:
    with pytest.raises(WorkflowError, match="旅顺口区.*不在本规划的范围内"):
        save_value(User.objects.get(username="fgj_admin"), demo.indicators.get(no=1), outside[1], 2025, 5.5)


def test_the_bulk_import_refuses_a_region_outside_the_plan(demo: Plan, outside: list[Region], tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("indicator,year,value,region\n1,2023,5,金普新区\n1,2023,5,旅顺口区\n", encoding="utf-8")
    before = Observation.objects.count()
    with pytest.raises(PlanwatchError, match="不在本规划的范围内：旅顺口区"):
        import_observations(demo, path)
    assert Observation.objects.count() == before


def test_the_api_evaluates_only_the_plan_regions_as_the_pages_do(demo: Plan, outside: list[Region]) -> None:
    for region in outside:
        assert Client().get("/overview/", {"region": region.pk}).status_code in (302, 404)
        assert Client().get("/public/", {"region": region.pk}).status_code == 404
        response = Client().get(f"/api/plans/{demo.pk}/evaluation", {"as_of": 2023, "region": region.pk})
        assert response.status_code == 404
        assert "不在本规划的范围内" in response.json()["detail"]
    zone = Region.objects.filter(parent=demo.region).first()
    assert zone is not None
    assert Client().get(f"/api/plans/{demo.pk}/evaluation", {"as_of": 2023, "region": zone.pk}).status_code == 200
