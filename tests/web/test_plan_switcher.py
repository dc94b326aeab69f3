"""Two plans at once: the plan switcher in the navigation changes the plan of the overview, the report page, the
rounds and the report download, and the choice is kept for the session; each plan's pages use its own years."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.web.monitoring.models import ReportingRound
from planwatch.web.plans.models import Plan


def _national(period_end: int) -> Plan:
    return Plan.objects.get(region__name="全国", end_year=period_end)


def test_the_switcher_lists_the_plans_with_indicator_tables(admin_client: Client, demo: Plan) -> None:
    page = admin_client.get("/overview/").content.decode()
    switcher = re.search(r'<select[^>]*id="plan-switch".*?</select>', page, re.DOTALL)
    assert switcher is not None
    offered = set(map(int, re.findall(r'<option value="(\d+)"', switcher.group(0))))
    assert offered == set(Plan.objects.in_use().filter(indicators__isnull=False).values_list("pk", flat=True))
    assert demo.pk in offered and _national(2030).pk in offered
    assert not offered & set(demo.children.values_list("pk", flat=True))  # special plans without a table: not offered
    assert re.search(rf'<option value="{demo.pk}" selected>', switcher.group(0))


def test_switching_changes_the_overview_and_the_report_page_and_is_kept(admin_client: Client, demo: Plan) -> None:
    fifteenth = _national(2030)
    page = admin_client.get(f"/overview/?plan={fifteenth.pk}").content.decode()
    assert fifteenth.title in page and re.search(rf'<option value="{fifteenth.pk}" selected>', page)
    # the next pages, without ?plan=, stay on the chosen plan
    again = admin_client.get("/overview/")
    assert again.context["plan"].pk == fifteenth.pk
    assert again.context["years"] == [2026, 2027, 2028, 2029, 2030]  # the plan's own period
    report = admin_client.get("/report/")
    assert report.context["plan"].pk == fifteenth.pk
    assert list(report.context["years"]) == [2026, 2027, 2028, 2029, 2030]
    names = {i.name for i in report.context["indicators"]}
    assert names == set(fifteenth.indicators.values_list("name", flat=True))
    # back to the district's plan
    assert admin_client.get(f"/overview/?plan={demo.pk}").context["plan"].pk == demo.pk
    assert admin_client.get("/report/").context["plan"].pk == demo.pk


def test_an_unknown_plan_is_a_404_and_a_plan_no_longer_in_use_is_forgotten(admin_client: Client, demo: Plan) -> None:
    assert admin_client.get("/overview/?plan=999999").status_code == 404
    fourteenth = _national(2025)
    admin_client.get(f"/overview/?plan={fourteenth.pk}")
    Plan.objects.filter(pk=fourteenth.pk).update(status="draft")
    assert admin_client.get("/overview/").context["plan"].pk == demo.pk


def test_rounds_and_the_report_download_take_the_chosen_plan(admin_client: Client, demo: Plan) -> None:
    fourteenth = _national(2025)
    ReportingRound.objects.create(plan=fourteenth, year=2025, name="2025年度数据填报（全国）",
                                  deadline="2026-06-30")
    admin_client.get(f"/overview/?plan={fourteenth.pk}")
    rounds = admin_client.get("/rounds/").content.decode()
    assert "2025年度数据填报（全国）" in rounds and "2024年度数据填报" not in rounds  # the district's rounds: not here
    response = admin_client.get("/reports/download/?kind=final&format=html&as_of=2025")
    assert response.status_code == 200
    body = response.content.decode()
    assert "国内生产总值" in body and "地区生产总值" not in body  # the national plan's report, not the district's


def test_a_page_whose_address_names_a_plan_switches_to_the_overview(admin_client: Client, demo: Plan) -> None:
    page = admin_client.get(f"/plans/{demo.pk}/indicators/1/").content.decode()
    form = re.search(r'<form class="pw-plan-switch[^>]*action="([^"]*)"', page)
    assert form is not None and form.group(1) == "/overview/"
    report = admin_client.get("/report/").content.decode()
    form = re.search(r'<form class="pw-plan-switch[^>]*action="([^"]*)"', report)
    assert form is not None and form.group(1) == "/report/"
