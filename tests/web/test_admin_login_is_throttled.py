"""The admin's login page (/admin/login/) is throttled by the same count as the site's login (/login/):
one count of failures per user name and address, whichever page they were made on."""

from __future__ import annotations

from django.test import Client

from planwatch.web.plans.models import Plan

WRONG = {"username": "fgj_admin", "password": "not-the-password"}
RIGHT = {"username": "fgj_admin", "password": "Jinpu-admin-2025"}


def test_it_locks_the_admin_login_after_five_failures(demo: Plan) -> None:
    client = Client()
    for _ in range(4):
        assert client.post("/admin/login/", WRONG).status_code == 200
    locked = client.post("/admin/login/", WRONG)
    assert locked.status_code == 429 and "登录失败次数过多，请15分钟后再试" in locked.content.decode()
    right = client.post("/admin/login/", RIGHT)
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_failures_on_either_login_page_add_up(demo: Plan) -> None:
    client = Client()
    for url in ("/login/", "/admin/login/", "/login/", "/admin/login/"):
        assert client.post(url, WRONG).status_code == 200
    assert client.post("/login/", WRONG).status_code == 429
    for url in ("/login/", "/admin/login/"):
        assert client.post(url, RIGHT).status_code == 429
    assert "_auth_user_id" not in client.session
