"""``next=`` after a workflow step (/observations/<pk>/move/), after login and after switching the language
leads back into the platform only: an address on another site, or one a browser reads as another site
(``//evil.example``, ``/\\evil.example``), sends the person to the 填报 page instead."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import Status
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan

OFF_SITE = ["https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "http:evil.example",
            " //evil.example", "https://testserver.evil.example/"]


def _draft(demo: Plan) -> int:
    return save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 5.1,
                      source="统计局").pk


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_workflow_step_never_redirects_off_site(reporter: Client, demo: Plan, target: str) -> None:
    pk = _draft(demo)
    moved = reporter.post(f"/observations/{pk}/move/", {"to": Status.SUBMITTED, "next": target})
    refused = reporter.post(f"/observations/{pk}/move/", {"to": "nonsense", "next": target})
    for response in (moved, refused):
        assert response.status_code == 302 and response["Location"] == "/report/", target


def test_a_workflow_step_returns_to_the_page_it_came_from(admin_client: Client, demo: Plan) -> None:
    pk = _draft(demo)
    response = admin_client.post(f"/observations/{pk}/move/", {"to": Status.SUBMITTED, "next": "/review/"})
    assert response.status_code == 302 and response["Location"] == "/review/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_and_language_switch_never_redirect_off_site(demo: Plan, target: str) -> None:
    login = Client().post("/login/", {"username": "lingdao", "password": "Jinpu-leader-2025", "next": target})
    assert login.status_code == 302 and "evil" not in login["Location"]
    language = Client().post("/i18n/setlang/", {"language": "en", "next": target})
    assert language.status_code == 302 and "evil" not in language["Location"]
