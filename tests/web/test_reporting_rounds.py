"""Reporting rounds: entry is locked after the deadline unless the admin reopens it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from planwatch.web.monitoring.models import Observation, ReportingRound, Status
from planwatch.web.monitoring.services import WorkflowError, save_value, transition
from planwatch.web.plans.models import Plan


def _user(name: str) -> User:
    return User.objects.get(username=name)


def test_a_closed_round_refuses_reporters(demo: Plan) -> None:
    with pytest.raises(WorkflowError, match="2024年度数据填报已于2025-03-31截止"):
        save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2024, 7.0, source="late")
    with pytest.raises(WorkflowError, match="2023年数据尚未开放填报"):
        save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2023, 7.0, source="late")


def test_a_draft_cannot_be_submitted_after_the_deadline(demo: Plan) -> None:
    draft = Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2024,
                                       value=7.0, source="draft", status=Status.DRAFT)
    with pytest.raises(WorkflowError, match="截止"):
        transition(_user("tjj_tianbao"), draft.pk, Status.SUBMITTED)


def test_the_admin_may_correct_data_after_the_deadline(demo: Plan) -> None:
    obs = save_value(_user("fgj_admin"), demo.indicators.get(no=1), demo.region, 2024, 7.1, source="fix")
    assert obs.status == Status.DRAFT


def test_reopening_lets_reporters_in_again(admin_client: Client, reporter: Client, demo: Plan) -> None:
    round_2024 = ReportingRound.objects.get(year=2024)
    until = timezone.localdate() + dt.timedelta(days=7)
    assert reporter.post("/rounds/", {"round": round_2024.pk, "until": until.isoformat()}).status_code == 403
    admin_client.post("/rounds/", {"round": round_2024.pk, "until": until.isoformat()})
    assert ReportingRound.objects.get(pk=round_2024.pk).reopened_until == until
    obs = save_value(_user("tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2024, 7.2, source="reopened")
    assert obs.pk


def test_the_report_page_shows_the_refusal(reporter: Client, demo: Plan) -> None:
    response = reporter.post("/report/save/", {"indicator": demo.indicators.get(no=1).pk, "year": 2024,
                                               "value": "7"}, follow=True)
    assert "已于2025-03-31截止" in response.content.decode()
    assert not Observation.objects.filter(year=2024, source="").exists()
