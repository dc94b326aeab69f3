"""Every signed-in user, not only staff, changes their own password on 修改密码 (/account/password/, linked from
the account page): the old password, the new one twice, checked by the platform's password rules. A mistake
gets 400, a message in Chinese and no change; success keeps the user signed in and leads back to 账户."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.plans.models import Plan

NEW = "Another-password-2026"


@pytest.mark.parametrize(("persona", "username", "old"), [
    ("reporter", "tjj_tianbao", "Jinpu-report-2025"), ("leader", "lingdao", "Jinpu-leader-2025"),
    ("stranger", "stranger", "Stranger-2025-x")])
def test_every_user_changes_their_own_password(request: pytest.FixtureRequest, demo: Plan, persona: str,
                                               username: str, old: str) -> None:
    client: Client = request.getfixturevalue(persona)
    page = client.get("/account/password/")
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    response = client.post("/account/password/", {"old_password": old, "new_password1": NEW, "new_password2": NEW},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/account/" and "密码已修改" in response.content.decode()
    assert User.objects.get(username=username).check_password(NEW)
    assert client.get("/account/").status_code == 200  # still signed in


@pytest.mark.parametrize(("data", "message"), [
    ({"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}, "旧密码不正确"),
    ({"old_password": "Jinpu-report-2025", "new_password1": NEW, "new_password2": NEW + "x"}, "不一致"),
    ({"old_password": "Jinpu-report-2025", "new_password1": "short", "new_password2": "short"}, "至少"),
    ({"old_password": "Jinpu-report-2025", "new_password1": "", "new_password2": ""}, "必填"),
])
def test_a_mistake_changes_nothing(reporter: Client, demo: Plan, data: dict[str, str], message: str) -> None:
    response = reporter.post("/account/password/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert User.objects.get(username="tjj_tianbao").check_password("Jinpu-report-2025")


def test_the_public_is_sent_to_the_login_page(outsider: Client, demo: Plan) -> None:
    assert outsider.get("/account/password/")["Location"].startswith("/login/")
