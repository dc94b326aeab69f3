"""Every signed-in user has an account page (/account/, 账户 in the header) listing their own API tokens — 用途,
创建, 最近使用, 到期 — each with a 撤销 button. Revoking is POST only, with the CSRF token, and for the owner
only: another user's token id gives 404 and the token stays."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from planwatch.web.accounts.models import ApiToken
from planwatch.web.plans.models import Plan


def _token(username: str, name: str) -> ApiToken:
    return ApiToken.issue(User.objects.get(username=username), name)[0]


def test_the_header_links_to_the_account_page(leader: Client, outsider: Client, demo: Plan) -> None:
    assert 'href="/account/"' in leader.get("/overview/").content.decode()
    assert 'href="/account/"' not in outsider.get("/public/").content.decode()


def test_it_lists_the_users_own_tokens_only(reporter: Client, demo: Plan) -> None:
    mine = _token("tjj_tianbao", "统计局数据接口")
    _token("swj_tianbao", "商务局数据接口")
    response = reporter.get("/account/")
    body = response.content.decode()
    assert response.status_code == 200
    for heading in ("接口令牌", "用途", "创建", "最近使用", "到期", "撤销", "修改密码"):
        assert heading in body, heading
    assert "统计局数据接口" in body and "商务局数据接口" not in body
    assert timezone.localtime(mine.expires).strftime("%Y-%m-%d") in body
    assert f'action="/account/tokens/{mine.pk}/revoke/"' in body


def test_an_expired_token_is_marked(reporter: Client, demo: Plan) -> None:
    token = _token("tjj_tianbao", "旧接口")
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - dt.timedelta(days=1))
    assert "已过期" in reporter.get("/account/").content.decode()


def test_the_owner_revokes_a_token(reporter: Client, demo: Plan) -> None:
    token = _token("tjj_tianbao", "统计局数据接口")
    response = reporter.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/"
    assert "已撤销接口令牌：统计局数据接口" in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_another_users_token_gives_404_and_stays(other_reporter: Client, admin_client: Client, reporter: Client,
                                                demo: Plan) -> None:
    token = _token("tjj_tianbao", "统计局数据接口")
    for client in (other_reporter, admin_client):  # not even the administrator revokes it here
        assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert reporter.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302  # its owner does


def test_revoking_needs_a_post_with_the_csrf_token(reporter: Client, demo: Plan) -> None:
    token = _token("tjj_tianbao", "统计局数据接口")
    assert reporter.get(f"/account/tokens/{token.pk}/revoke/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="tjj_tianbao"))
    assert strict.post(f"/account/tokens/{token.pk}/revoke/").status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_public_is_sent_to_the_login_page(outsider: Client, demo: Plan) -> None:
    token = _token("tjj_tianbao", "统计局数据接口")
    assert outsider.get("/account/")["Location"].startswith("/login/")
    assert outsider.post(f"/account/tokens/{token.pk}/revoke/")["Location"].startswith("/login/")
    assert ApiToken.objects.filter(pk=token.pk).exists()
