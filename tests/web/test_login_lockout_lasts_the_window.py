"""A lockout holds for LOGIN_FAILURE_WINDOW (15 minutes) after the failure that caused it, on every login page,
even for the right password; refused attempts during the lockout do not extend it. Then the right password
works again."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from planwatch.web.plans.models import Plan

RIGHT = {"username": "lingdao", "password": "Jinpu-leader-2025"}
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_right_password_is_refused_until_the_window_has_passed(demo: Plan) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = Client()
        for _ in range(5):
            client.post("/admin/login/", {"username": "lingdao", "password": "wrong"})
        traveller.shift(dt.timedelta(minutes=14))
        for url in ("/login/", "/admin/login/"):
            refused = client.post(url, RIGHT)
            assert refused.status_code == 429, url
        assert "请1分钟后再试" in refused.content.decode()  # what is left of the window, rounded up
        traveller.shift(dt.timedelta(minutes=1, seconds=1))
        assert client.post("/login/", RIGHT).status_code == 302
        assert client.session["_auth_user_id"]
