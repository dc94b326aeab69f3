"""Every page that shows a plan reads ``?plan=``, ``?region=`` and ``?as_of=`` by the same rules
(planwatch.web.params): the plan named (kept for the session), else the session's, else the first master plan; a region of the plan or below it, else 404;
a year clamped to the plan period."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.core.extract import extract_plan
from planwatch.web.accounts.models import Department, Region
from planwatch.web.plans import services
from planwatch.web.plans.models import Plan

from ..conftest import JINPU_TXT


@pytest.fixture
def second(demo: Plan) -> Plan:
    plan = services.import_plan(extract_plan(JINPU_TXT), Region.objects.create(name="另一新区"), title="另一纲要")
    plan.tasks.update(lead=Department.objects.get(name="统计局"))
    return plan


@pytest.mark.parametrize("page", ["/ledgers/tasks/", "/overview/", "/search/?q=氢能"])
def test_the_plan_named_is_the_plan_shown(admin_client: Client, second: Plan, page: str) -> None:
    joiner = "&" if "?" in page else "?"
    assert admin_client.get(f"{page}{joiner}plan={second.pk}").context["plan"] == second
    assert admin_client.get(page).context["plan"] == second  # without ?plan=: the plan the session chose
    fresh = Client()  # another session: the first master plan
    fresh.force_login(User.objects.get(username="fgj_admin"))
    assert fresh.get(page).context["plan"] != second


def test_the_department_page_scores_the_plan_named(admin_client: Client, second: Plan) -> None:
    department = Department.objects.get(name="统计局")
    response = admin_client.get(f"/departments/{department.pk}/", {"plan": second.pk})
    assert response.context["plan"] == second
    assert {x.plan_id for x, _ in response.context["items"]} == {second.pk}


# the pages of results: overview, public portal, indicator page
PAGES = ["/overview/", "/public/", "/plans/{plan}/indicators/1/"]


@pytest.mark.parametrize("page", PAGES)
def test_a_region_outside_the_plan_is_refused_alike(admin_client: Client, second: Plan, demo: Plan, page: str) -> None:
    url = page.format(plan=demo.pk)
    assert admin_client.get(url, {"plan": demo.pk, "region": second.region_id}).status_code == 404
    assert admin_client.get(url, {"plan": demo.pk, "region": 2**30}).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_a_year_outside_the_plan_is_clamped_alike(admin_client: Client, demo: Plan, page: str) -> None:
    url = page.format(plan=demo.pk)
    assert [admin_client.get(url, {"as_of": year}).context["as_of"] for year in ("1900", "2099", "二〇二三", "")] == [
        2021, 2025, 2025, 2025]
