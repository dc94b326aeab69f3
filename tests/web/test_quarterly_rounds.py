"""Quarterly and monthly reporting rounds: created by the admin, each locking its own period only; their values
are stored as part-year figures (部分年度) with their period and never stand for the full year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from planwatch.core.evaluation import Evaluation
from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.models import Flag, Frequency, Observation, ReportingRound, Status
from planwatch.web.monitoring.services import WorkflowError, evaluate_plan, save_value, transition
from planwatch.web.plans.models import Plan

LATER = timezone.localdate() + dt.timedelta(days=30)


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _round(plan: Plan, frequency: str, period: int, deadline: dt.date = LATER, year: int = 2025) -> ReportingRound:
    return ReportingRound.objects.create(plan=plan, year=year, frequency=frequency, period=period,
                                         name=f"{year}-{frequency}-{period}", deadline=deadline)


def _create(client: Client, plan: Plan, **fields: object) -> tuple[int, str]:
    data = {"action": "create", "plan": plan.pk, "year": 2025, "frequency": "quarterly", "period": 1,
            "deadline": LATER.isoformat(), **fields}
    response = client.post("/rounds/", data, follow=True)
    return response.status_code, response.content.decode()


def test_the_admin_creates_a_quarterly_round_named_in_chinese(admin_client: Client, demo: Plan) -> None:
    status, page = _create(admin_client, demo, period=1)
    created = ReportingRound.objects.get(plan=demo, year=2025, frequency=Frequency.QUARTERLY, period=1)
    assert (status, created.name, created.code) == (200, "2025年第一季度数据填报", "2025Q1")
    assert "2025年第一季度" in page and ">季度轮次</h3>" in page


def test_the_admin_creates_a_monthly_round(admin_client: Client, demo: Plan) -> None:
    _create(admin_client, demo, frequency="monthly", period=3)
    created = ReportingRound.objects.get(plan=demo, year=2025, frequency=Frequency.MONTHLY, period=3)
    assert (created.name, created.code) == ("2025年3月数据填报", "2025-03")


def test_a_duplicate_round_is_refused(admin_client: Client, demo: Plan) -> None:
    _create(admin_client, demo, period=2)
    status, page = _create(admin_client, demo, period=2)
    assert status == 400 and "2025年第二季度的填报轮次已经存在" in page
    assert ReportingRound.objects.filter(plan=demo, year=2025, frequency=Frequency.QUARTERLY, period=2).count() == 1


def test_a_duplicate_annual_round_is_refused(admin_client: Client, demo: Plan) -> None:
    status, page = _create(admin_client, demo, frequency="annual", period="")
    assert status == 400 and "2025年度的填报轮次已经存在" in page


@pytest.mark.parametrize(("frequency", "period", "message"), [("quarterly", 5, "季度应为1—4，不能是5"),
                                                              ("quarterly", 0, "季度应为1—4，不能是0"),
                                                              ("monthly", 13, "月份应为1—12，不能是13")])
def test_a_period_out_of_range_is_refused(admin_client: Client, demo: Plan, frequency: str, period: int,
                                          message: str) -> None:
    count = ReportingRound.objects.count()
    status, page = _create(admin_client, demo, frequency=frequency, period=period)
    assert status == 400 and message in page
    assert ReportingRound.objects.count() == count


def test_a_deadline_before_the_quarter_ends_is_refused(admin_client: Client, demo: Plan) -> None:
    status, page = _create(admin_client, demo, period=2, deadline="2025-06-30")
    assert status == 400 and "不晚于2025年第二季度的最后一天（2025-06-30）" in page
    assert not ReportingRound.objects.filter(frequency=Frequency.QUARTERLY, period=2).exists()


@pytest.mark.parametrize("persona", ["reporter", "leader", "stranger"])
def test_only_the_admin_may_create_rounds(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    status, _ = _create(request.getfixturevalue(persona), demo)
    assert status == 403
    assert not ReportingRound.objects.filter(frequency=Frequency.QUARTERLY).exists()


def test_an_outsider_is_sent_to_the_login_page(outsider: Client, demo: Plan) -> None:
    response = outsider.post("/rounds/", {"action": "create", "plan": demo.pk, "year": 2025,
                                          "frequency": "quarterly", "period": 1, "deadline": LATER.isoformat()})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not ReportingRound.objects.filter(frequency=Frequency.QUARTERLY).exists()


def test_the_rounds_page_groups_rounds_by_frequency_with_their_state(leader: Client, demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 1, deadline=dt.date(2025, 4, 15))
    _round(demo, Frequency.MONTHLY, 5)
    page = leader.get("/rounds/").content.decode()
    annual, quarterly, monthly = (page.index(f">{word}轮次</h3>") for word in ("年度", "季度", "月度"))
    assert annual < quarterly < monthly
    assert "已截止" in page[quarterly:monthly] and "开放中" in page[monthly:]


def test_a_reporter_enters_a_q1_value_stored_as_part_year(reporter: Client, demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 1)
    gdp = demo.indicators.get(no=1)
    response = reporter.post("/report/save/", {"indicator": gdp.pk, "year": 2025, "period": "2025Q1",
                                               "value": "4.2"}, follow=True)
    obs = Observation.objects.get(indicator=gdp, year=2025, period="2025Q1")
    assert (obs.value, obs.flag, obs.status, obs.source) == (4.2, Flag.PARTIAL, Status.DRAFT, "")
    assert "2025年第一季度（部分年度）" in response.content.decode()


def test_q1_and_q2_values_of_one_year_coexist_beside_the_annual_value(demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 1)
    _round(demo, Frequency.QUARTERLY, 2)
    gdp, reporter = demo.indicators.get(no=1), _user("tjj_tianbao")
    save_value(reporter, gdp, demo.region, 2025, 4.2, period="2025Q1")
    save_value(reporter, gdp, demo.region, 2025, 4.6, period="2025Q2")
    save_value(reporter, gdp, demo.region, 2025, 5.0, comment="全年")
    assert dict(Observation.objects.filter(indicator=gdp, year=2025, source="").values_list("period", "value")) == {
        "2025Q1": 4.2, "2025Q2": 4.6, "": 5.0}


def test_entry_after_the_q1_deadline_is_refused_and_nothing_is_written(reporter: Client, demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 1, deadline=dt.date(2025, 4, 15))
    gdp = demo.indicators.get(no=1)
    response = reporter.post("/report/save/", {"indicator": gdp.pk, "year": 2025, "period": "2025Q1",
                                               "value": "4.2"}, follow=True)
    assert "已于2025-04-15截止，如需补报请联系发改局重新开放" in response.content.decode()
    assert not Observation.objects.filter(indicator=gdp, period="2025Q1").exists()


def test_a_q1_draft_cannot_be_submitted_after_its_deadline(demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 1, deadline=dt.date(2025, 4, 15))
    draft = Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025,
                                       period="2025Q1", flag=Flag.PARTIAL, value=4.2)
    with pytest.raises(WorkflowError, match="已于2025-04-15截止"):
        transition(_user("tjj_tianbao"), draft.pk, Status.SUBMITTED)


def test_a_quarter_without_a_round_is_not_open_even_when_the_year_is(demo: Plan) -> None:
    assert ReportingRound.objects.get(year=2025, frequency=Frequency.ANNUAL).open_until() >= timezone.localdate()
    with pytest.raises(WorkflowError, match="2025年第三季度数据尚未开放填报"):
        save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 4.2, period="2025Q3")


def test_an_open_quarter_does_not_open_its_closed_year(demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 2, year=2024)
    with pytest.raises(WorkflowError, match="2024年度数据填报已于2025-03-31截止"):
        save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2024, 7.0, source="late")
    assert save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2024, 6.5,
                      period="2024Q2").flag == Flag.PARTIAL


def test_reopening_a_closed_quarter_lets_reporters_in_again(admin_client: Client, demo: Plan) -> None:
    q1 = _round(demo, Frequency.QUARTERLY, 1, deadline=dt.date(2025, 4, 15))
    admin_client.post("/rounds/", {"round": q1.pk, "until": LATER.isoformat()})
    assert ReportingRound.objects.get(pk=q1.pk).reopened_until == LATER
    obs = save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 4.2, period="2025Q1")
    assert obs.period == "2025Q1"


def test_a_period_of_another_year_is_refused(demo: Plan) -> None:
    _round(demo, Frequency.QUARTERLY, 1)
    with pytest.raises(WorkflowError, match="期间2025Q1不属于2024年"):
        save_value(_user("fgj_admin"), demo.indicators.get(no=1), demo.region, 2024, 4.2, period="2025Q1")


def _evaluation(plan: Plan, no: int) -> Evaluation:
    """The evaluation of one indicator as of 2025 (a fresh plan object: the data stamp is memoised on it)."""
    return next(e for e in evaluate_plan(Plan.objects.get(pk=plan.pk), 2025, public=False)[0] if e.no == no)


def test_a_q1_value_does_not_replace_the_annual_actual(demo: Plan) -> None:
    before = _evaluation(demo, 1)
    save_value(_user("fgj_admin"), demo.indicators.get(no=1), demo.region, 2025, 25.0, comment="一季度",
               period="2025Q1")
    after = _evaluation(demo, 1)
    assert (after.actual, after.actual_year, after.flags) == (before.actual, 2025, before.flags)


def test_a_q1_amount_alone_is_not_evaluated_as_the_year(demo: Plan) -> None:
    trade = demo.indicators.get(no=10)  # 外贸进出口总额 (亿元): a quarter's amount is no year's amount
    Observation.objects.filter(indicator=trade, year=2025).delete()
    save_value(_user("fgj_admin"), trade, demo.region, 2025, 900.0, comment="一季度", period="2025Q1")
    result = _evaluation(demo, 10)
    assert result.actual_year == 2024 and result.actual != 900.0


def test_first_quarters_of_every_zone_do_not_add_up_to_a_year(demo: Plan) -> None:
    trade, admin = demo.indicators.get(no=10), _user("fgj_admin")
    Observation.objects.filter(indicator=trade, year=2025).delete()
    zones = list(Region.objects.filter(parent=demo.region))
    assert zones
    for zone in zones:
        save_value(admin, trade, zone, 2025, 100.0, comment="一季度", period="2025Q1")
    result = _evaluation(demo, 10)
    assert result.actual_year == 2024  # the zones' Q1 sum is part-year: not the new area's 2025 amount


def test_a_rate_without_an_annual_value_uses_the_latest_quarter_labelled_part_year(demo: Plan) -> None:
    gdp, admin = demo.indicators.get(no=1), _user("fgj_admin")
    Observation.objects.filter(indicator=gdp, year=2025).delete()
    q1 = save_value(admin, gdp, demo.region, 2025, 1.0, comment="一季度", period="2025Q1")
    save_value(admin, gdp, demo.region, 2025, 4.6, comment="上半年", period="2025Q2")  # entered after Q1
    both = _evaluation(demo, 1)
    assert "partial" in both.flags and "2025年为部分年度" in both.explanation
    Observation.objects.filter(pk=q1.pk).delete()
    assert _evaluation(demo, 1).actual == both.actual  # Q2 was the reading used, not the earlier-entered Q1


def test_the_review_page_labels_a_part_year_value_with_its_period(admin_client: Client, demo: Plan) -> None:
    obs = Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025,
                                     period="2025-03", flag=Flag.PARTIAL, value=4.0, status=Status.SUBMITTED)
    page = admin_client.get("/review/").content.decode()
    row = page[page.index(f'data-observation="{obs.pk}"'):]
    assert "2025年3月（部分年度）" in row[:row.index("</tr>")]


def test_the_indicator_page_labels_a_part_year_value_and_keeps_the_year_in_the_chart(leader: Client,
                                                                                       demo: Plan) -> None:
    trade = demo.indicators.get(no=10)
    annual = Observation.objects.filter(indicator=trade, year=2025).exclude(flag=Flag.PARTIAL).get()
    save_value(_user("fgj_admin"), trade, demo.region, 2025, 900.0, comment="一季度", period="2025Q1")
    response = leader.get(f"/plans/{demo.pk}/indicators/10/")
    assert "2025年第一季度（部分年度）" in response.content.decode()
    assert response.context["chart"]()["actual"][5] == annual.value  # 2025: the year's value, not the quarter's
