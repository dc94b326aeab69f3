"""One value counts per indicator, region and year, chosen by one priority (planwatch.core.series): the chart, the
status, the report and the API show that same value when a year has a full-year figure, an estimate and a
part-year figure."""

from __future__ import annotations

from django.test import Client

from planwatch.web.monitoring.models import Flag, Observation, Status
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan
from planwatch.web.reports import report_inputs

SHARE = 4  # 工业增加值占比 55.6 → 50左右: a level, so the status's actual value is the year's value


def _three_values_for_2024(plan: Plan) -> None:
    """Entered in the order a year's figures arrive: the estimate, then the nine-month figure, then the full year."""
    ind = plan.indicators.get(no=SHARE)
    Observation.objects.filter(indicator=ind, year=2024).delete()
    for value, flag, period in [(51.0, Flag.EXPECTED, "全年(预计)"), (53.0, Flag.PARTIAL, "2024Q3"),
                                (52.0, Flag.FINAL, "")]:
        Observation.objects.create(indicator=ind, region=plan.region, year=2024, value=value, flag=flag,
                                   period=period, source="https://www.dljp.gov.cn/tjj", status=Status.PUBLISHED)


def test_the_chart_the_status_the_report_and_the_api_show_the_full_year_value(demo: Plan, leader: Client) -> None:
    _three_values_for_2024(demo)
    fresh = Plan.objects.get(pk=demo.pk)  # as a new request reads it: its data stamp is read again

    page = leader.get(f"/plans/{demo.pk}/indicators/{SHARE}/?as_of=2024")
    chart = page.context["chart"]()
    status = next(e for e in evaluate_plan(fresh, 2024, public=False)[0] if e.no == SHARE)
    report = report_inputs(fresh, 2024, "annual", public=False)
    api = next(r for r in leader.get(f"/api/plans/{demo.pk}/evaluation?as_of=2024").json() if r["no"] == SHARE)

    assert {"chart": chart["actual"][chart["years"].index("2024")], "status": status.actual,
            "report": report.series[SHARE][2024], "api": api["actual"]} == \
        {"chart": 52.0, "status": 52.0, "report": 52.0, "api": 52.0}


def test_a_reported_value_counts_over_a_simulated_one_whatever_its_source(demo: Plan, outsider: Client) -> None:
    ind = demo.indicators.get(no=SHARE)
    Observation.objects.filter(indicator=ind, year=2024).delete()
    Observation.objects.create(indicator=ind, region=demo.region, year=2024, value=49.0, simulated=True,
                               source="模拟数据（参照 https://www.dljp.gov.cn）", status=Status.PUBLISHED)
    Observation.objects.create(indicator=ind, region=demo.region, year=2024, value=52.0,
                               source="统计局报送", status=Status.PUBLISHED)
    fresh = Plan.objects.get(pk=demo.pk)

    page = outsider.get(f"/plans/{demo.pk}/indicators/{SHARE}/?as_of=2024")
    chart = page.context["chart"]()
    status = next(e for e in evaluate_plan(fresh, 2024, public=True)[0] if e.no == SHARE)
    report = report_inputs(fresh, 2024, "annual", public=True)

    assert (chart["actual"][chart["years"].index("2024")], status.actual, report.series[SHARE][2024]) == \
        (52.0, 52.0, 52.0)
