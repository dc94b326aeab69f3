"""API tokens expire: 90 days after they are issued, or after `issue_token --days N` days (1 to 365). An expired
token is refused with 401 and a message saying so, on writes and on reads alike (it is never taken for the
public), and nothing is written."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Plan

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _issue(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[ApiToken, str]:
    call_command("issue_token", "tjj_tianbao", *args)
    key = capsys.readouterr().out.strip()
    return ApiToken.objects.get(key_hash=ApiToken.hash(key)), key


def test_a_token_lasts_ninety_days_then_is_refused(demo: Plan, capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        token, key = _issue(capsys, "统计局接口")
        assert token.expires == START + dt.timedelta(days=90)
        auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        traveller.shift(dt.timedelta(days=90) - dt.timedelta(seconds=1))
        assert Client().get(f"/api/plans/{demo.pk}/observations?year=2025", **auth).status_code == 200
        traveller.shift(dt.timedelta(seconds=1))
        read = Client().get(f"/api/plans/{demo.pk}/observations?year=2025", **auth)
        assert read.status_code == 401
        assert read.json()["detail"] == "接口令牌已于2026-05-31 09:00过期，请重新签发"
        before = Observation.objects.count()
        write = Client().post("/api/observations", json.dumps({
            "indicator": demo.indicators.get(no=1).pk, "year": 2025, "value": 6.0, "source": "过期"}),
            content_type="application/json", **auth)
        assert write.status_code == 401 and "过期" in write.json()["detail"]
        assert Observation.objects.count() == before


def test_issue_token_takes_the_number_of_days(demo: Plan, capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel(START, tick=False):
        token, _ = _issue(capsys, "短期接口", "--days", "7")
    assert token.expires == START + dt.timedelta(days=7)


@pytest.mark.parametrize("days", ["0", "-3", "366", "七"])
def test_issue_token_refuses_a_period_outside_one_to_365_days(demo: Plan, days: str) -> None:
    with pytest.raises(CommandError, match="有效期须为1至365天"):
        call_command("issue_token", "tjj_tianbao", "坏期限", "--days", days)
    assert not ApiToken.objects.filter(name="坏期限").exists()
