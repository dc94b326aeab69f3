"""A user's API tokens are revoked when their password changes, whichever way it changes: set_password and
save, the admin's password form, the 修改密码 page. Saving a user without a new password (a login, an edit of
the name) keeps them; other users' tokens are never touched."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.plans.models import Plan

NEW = "Another-password-2026"


def _tokens(username: str, n: int = 2) -> list[str]:
    user = User.objects.get(username=username)
    return [ApiToken.issue(user, f"接口{i}")[1] for i in range(n)]


def _works(key: str) -> bool:
    return Client().post("/api/observations", "{}", content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {key}").status_code != 401


def test_set_password_and_save_revokes_the_users_tokens(demo: Plan) -> None:
    keys, others = _tokens("tjj_tianbao"), _tokens("lingdao")
    user = User.objects.get(username="tjj_tianbao")
    user.set_password(NEW)
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not any(_works(k) for k in keys) and all(_works(k) for k in others)


def test_the_admins_password_form_revokes_them(admin_client: Client, demo: Plan) -> None:
    keys = _tokens("tjj_tianbao")
    user = User.objects.get(username="tjj_tianbao")
    response = admin_client.post(f"/admin/auth/user/{user.pk}/password/",
                                 {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW) and not any(_works(k) for k in keys)


def test_the_password_change_page_revokes_them(reporter: Client, demo: Plan) -> None:
    keys = _tokens("tjj_tianbao")
    response = reporter.post("/account/password/", {"old_password": "Jinpu-report-2025", "new_password1": NEW,
                                                    "new_password2": NEW})
    assert response.status_code == 302
    assert not any(_works(k) for k in keys)


def test_only_a_new_password_revokes_them_not_other_saves(demo: Plan) -> None:
    keys = _tokens("tjj_tianbao")
    user = User.objects.get(username="tjj_tianbao")
    user.first_name = "统计"
    user.save()
    assert Client().post("/login/", {"username": "tjj_tianbao", "password": "Jinpu-report-2025"}).status_code == 302
    assert all(_works(k) for k in keys)  # an edit of the name and a login (last_login) keep them
    user.refresh_from_db()
    user.set_unusable_password()
    user.save()
    assert not any(_works(k) for k in keys)
