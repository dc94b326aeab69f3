"""A region whose regions in the platform are not the whole of it (``Region.subregions_complete = False``: a
country with one district loaded below it) is never filled by a roll-up: where the country has no value of its own
its cell stays 无数据 instead of showing the district's figure as the country's; its own values still count, and the
district is still evaluated on its own page. With the flag left at its default (a complete tree) it rolls up as
before. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from planwatch.core.extract import extract_plan
from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan
from planwatch.web.plans.services import import_plan

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "eval-plan.csv"
TRADE, SHARE = 3, 4  # 外贸进出口总额 (亿元: summed), 工业增加值占地区生产总值比重 (%: population-weighted)


def _country(complete: bool) -> tuple[Plan, Region, Region]:
    nation = Region.objects.create(name="示例国", level="国家", subregions_complete=complete)
    district = Region.objects.create(name="示例区", level="区", parent=nation, population=50.0)
    plan = import_plan(extract_plan(PLAN), nation, title="示例国规划")
    by_no = {i.no: i for i in plan.indicators.all()}
    for no, value in ((TRADE, 3000.0), (SHARE, 52.0)):
        Observation.objects.create(indicator=by_no[no], region=district, year=2024, value=value,
                                   status=Status.PUBLISHED)
    return plan, nation, district


def _cells(plan: Plan, region: Region) -> dict[int, tuple[str, float | None]]:
    results, _simulated = evaluate_plan(plan, 2024, public=False, region=region)
    return {e.no: (e.status, e.actual) for e in results}


@pytest.mark.django_db
def test_a_country_with_one_district_loaded_shows_no_data_instead_of_the_districts_figure() -> None:
    plan, nation, district = _country(complete=False)
    national = _cells(plan, nation)
    assert national[TRADE] == ("no_data", None) and national[SHARE] == ("no_data", None)
    assert _cells(plan, district)[TRADE][1] == 3000.0  # the district's own page still has its value


@pytest.mark.django_db
def test_the_countrys_own_value_still_counts() -> None:
    plan, nation, _district = _country(complete=False)
    Observation.objects.create(indicator=plan.indicators.get(no=TRADE), region=nation, year=2024, value=41000.0,
                               status=Status.PUBLISHED)
    assert _cells(plan, nation)[TRADE][1] == 41000.0


@pytest.mark.django_db
def test_a_complete_tree_rolls_up_as_before() -> None:
    plan, nation, _district = _country(complete=True)
    national = _cells(plan, nation)
    assert national[TRADE][1] == 3000.0 and national[SHARE][1] == 52.0


@pytest.mark.django_db
def test_saying_so_later_takes_effect_at_once() -> None:
    plan, nation, _district = _country(complete=True)
    assert _cells(plan, nation)[TRADE][1] == 3000.0  # evaluated (and cached) as a complete tree
    nation.subregions_complete = False
    nation.save()  # as the admin's form saves it
    assert _cells(Plan.objects.get(pk=plan.pk), nation)[TRADE] == ("no_data", None)  # as the next request reads it


def test_the_admin_can_say_so(admin_client: Client) -> None:
    field = Region._meta.get_field("subregions_complete")
    assert field.default is True and str(field.verbose_name) == "下辖地区已全部录入"
    page = admin_client.get("/admin/accounts/region/")
    assert page.status_code == 200 and "下辖地区已全部录入" in page.content.decode()
    country = Region.objects.get(name="全国")  # the demo's country: one district below it
    assert not country.subregions_complete and Region.objects.get(name="金普新区").subregions_complete
    page = admin_client.get(f"/admin/accounts/region/{country.pk}/change/")
    assert page.status_code == 200 and 'name="subregions_complete"' in page.content.decode()
