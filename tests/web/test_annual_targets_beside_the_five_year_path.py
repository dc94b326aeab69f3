"""年度目标: an annual target the admin enters (as the 人大 adopted it) shows on the indicator page and in the API
beside the five-year path, judged by the indicator's own rule for that year (左右 with its tolerance); the five-year
status stays as it was. Entering again keeps the earlier row as history; bad input writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import counted_values, target_paths, visible_observations
from planwatch.web.plans.models import AnnualTarget, Indicator, Plan

YEAR = 2024


def _gdp(plan: Plan) -> tuple[Indicator, float]:
    """Indicator 1 (地区生产总值增长, a yearly growth rate) and the value that counts for YEAR (simulated or real)."""
    ind = plan.indicators.get(no=1)
    counted = counted_values(visible_observations(plan, public=False).filter(indicator=ind, region=plan.region))
    return ind, next(c.value for (_, _, year), c in counted.items() if year == YEAR)


def _enter(client: Client, plan: Plan, no: int, raw: str, **extra: str) -> Any:
    return client.post(f"/plans/{plan.pk}/annual/", {"year": str(YEAR), f"target-{no}": raw,
                                                    "document": f"{YEAR}年政府工作报告", "adopted_on": f"{YEAR}-03-11",
                                                    **extra})


def _api(client: Client, plan: Plan, no: int) -> dict[str, Any]:
    response = client.get(f"/api/plans/{plan.pk}/indicators/{no}/years/{YEAR}")
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def test_an_annual_target_shows_beside_the_five_year_path_on_the_page_and_in_the_api(
        admin_client: Client, demo: Plan) -> None:
    ind, value = _gdp(demo)
    five_year_before = _api(admin_client, demo, 1)["evaluation"]
    # a target the year's value clears, then one it misses: the status follows the value, not a fixed answer
    easy, hard = f"{value - 1:g}以上", f"≥{value + 1:g}"
    assert _enter(admin_client, demo, 1, easy).status_code == 302
    answer = _api(admin_client, demo, 1)
    assert answer["annual_target"]["target"] == easy
    assert answer["annual_target"]["status"] == "met" and answer["annual_target"]["label"] == "已完成"
    assert answer["annual_target"]["actual"] == pytest.approx(value)
    assert answer["annual_target"]["source"] == "adopted" and answer["annual_target"]["adopted_on"] == f"{YEAR}-03-11"
    assert answer["annual_target"]["path_value"] == target_paths(demo)[1][YEAR]  # the five-year path, beside it
    assert answer["evaluation"] == five_year_before  # the five-year status stays as it is

    page = admin_client.get(f"/plans/{demo.pk}/indicators/1/?as_of={YEAR}").content.decode()
    assert "年度目标与五年规划路径" in page and easy in page and f"{YEAR}年政府工作报告" in page

    assert _enter(admin_client, demo, 1, hard).status_code == 302
    answer = _api(admin_client, demo, 1)
    assert (answer["annual_target"]["target"], answer["annual_target"]["status"]) == (hard, "not_met")
    page = admin_client.get(f"/plans/{demo.pk}/indicators/1/?as_of={YEAR}").content.decode()
    assert hard in page and "未完成" in page  # the cached page follows the new target
    # history: both rows kept, the latest in force
    assert list(AnnualTarget.objects.filter(indicator=ind, year=YEAR).values_list("target_raw", flat=True)) == [
        easy, hard]


def test_a_target_of_about_a_figure_is_judged_with_the_indicators_own_tolerance(admin_client: Client,
                                                                                demo: Plan) -> None:
    ind, value = _gdp(demo)
    raw = f"{value * 1.03:.2f}左右"  # the value is 3 % short of it
    _enter(admin_client, demo, 1, raw)
    assert _api(admin_client, demo, 1)["annual_target"]["status"] == "met"  # default tolerance ±5 %
    ind.approx_tolerance = 0.01
    ind.save(update_fields=["approx_tolerance"])
    assert _api(admin_client, demo, 1)["annual_target"]["status"] == "not_met"  # ±1 %: short


def test_a_year_without_a_target_has_none(outsider: Client, demo: Plan) -> None:
    answer = outsider.get(f"/api/plans/{demo.pk}/indicators/2/years/{YEAR}").json()
    assert answer["annual_target"] is None and answer["evaluation"]["no"] == 2


def test_a_target_in_no_known_form_is_refused_and_nothing_is_written(admin_client: Client, demo: Plan) -> None:
    before = AnnualTarget.objects.count()
    response = admin_client.post(f"/plans/{demo.pk}/annual/", {"year": str(YEAR), "target-1": "6左右",
                                                               "target-2": "6.5—"})
    assert response.status_code == 400 and "无法识别" in response.content.decode()
    assert 'value="6.5—"' in response.content.decode()  # shown again to be corrected
    assert AnnualTarget.objects.count() == before  # not even the good first row


def test_only_the_admin_enters_annual_targets(reporter: Client, leader: Client, demo: Plan) -> None:
    for client in (reporter, leader):
        assert client.get(f"/plans/{demo.pk}/annual/").status_code == 403
        assert _enter(client, demo, 1, "6").status_code == 403
    assert not AnnualTarget.objects.exists()


def test_quarterly_values_feed_the_annual_target_of_a_growth_rate(admin_client: Client, demo: Plan) -> None:
    """A part-year rate stands for the year (flagged 部分年度) when there is no full-year value yet."""
    ind = demo.indicators.get(no=1)
    Observation.objects.filter(indicator=ind, year=YEAR).delete()
    Observation.objects.create(indicator=ind, region=demo.region, year=YEAR, value=5.1, period=f"{YEAR}Q3",
                               flag="partial", status="approved")
    _enter(admin_client, demo, 1, "5左右")
    answer = _api(admin_client, demo, 1)["annual_target"]
    assert (answer["actual"], answer["status"]) == (5.1, "met")
    assert "部分年度" in answer["explanation"]
