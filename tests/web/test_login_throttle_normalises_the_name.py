"""The login throttle counts a user name the way Django matches it (NFKC, so the full-width ｔｊｊ＿ｔｉａｎｂａｏ
logs in as tjj_tianbao) and regardless of case: spelling the name differently gives no fresh tries."""

from __future__ import annotations

from django.test import Client

from planwatch.web.plans.models import Plan


def test_full_width_and_upper_case_spellings_count_against_one_account(demo: Plan) -> None:
    client = Client()
    for name in ("ｔｊｊ＿ｔｉａｎｂａｏ", "TJJ_TIANBAO", "ｔｊｊ＿ｔｉａｎｂａｏ", "Tjj_Tianbao"):
        assert client.post("/login/", {"username": name, "password": "wrong"}).status_code == 200
    assert client.post("/login/", {"username": "tjj_tianbao", "password": "wrong"}).status_code == 429
    for name in ("tjj_tianbao", "ｔｊｊ＿ｔｉａｎｂａｏ", " tjj_tianbao "):
        locked = client.post("/login/", {"username": name, "password": "Jinpu-report-2025"})
        assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode(), name
    assert "_auth_user_id" not in client.session


def test_a_full_width_name_is_locked_by_failures_of_the_ascii_one(demo: Plan) -> None:
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "fgj_admin", "password": "wrong"})
    locked = client.post("/admin/login/", {"username": "ｆｇｊ＿ａｄｍｉｎ", "password": "Jinpu-admin-2025"})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
