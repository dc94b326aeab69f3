"""Chinese by default, whatever the browser asks for; English only by the switch, remembered per user
(planwatch.web.language)."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client

from planwatch.web.accounts.models import Profile
from planwatch.web.plans.models import Plan

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _sign_in(client: Client, username: str, password: str) -> None:
    response = client.post("/login/", {"username": username, "password": password}, **ENGLISH_BROWSER)
    assert response.status_code == 302 and response["Location"].endswith("/overview/"), response.status_code


def _language_of(client: Client, path: str) -> str:
    body = client.get(path, **ENGLISH_BROWSER).content.decode()
    return "en" if '<html lang="en">' in body else "zh" if '<html lang="zh-CN">' in body else "?"


def test_an_english_browser_gets_the_chinese_login_page(demo: Plan) -> None:
    response = Client().get("/login/", **ENGLISH_BROWSER)
    body = response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-CN">' in body and "用户名" in body and "User name" not in body
    assert settings.PLANWATCH_OFFICE_NAME in body  # the office's name on the login page
    assert _language_of(Client(), "/public/") == "zh"


def test_the_switch_is_remembered_after_signing_out_and_in_again(demo: Plan) -> None:
    browser = Client()
    _sign_in(browser, "tjj_tianbao", "Jinpu-report-2025")
    assert _language_of(browser, "/overview/") == "zh"
    response = browser.post("/language/", {"language": "en", "next": "/overview/"})
    assert response.status_code == 302
    assert Profile.objects.get(user__username="tjj_tianbao").language == "en"
    assert _language_of(browser, "/overview/") == "en"

    browser.post("/logout/")
    assert _language_of(browser, "/public/") == "zh"  # signing out leaves the next person in Chinese

    elsewhere = Client()  # another browser, no cookie of its own
    _sign_in(elsewhere, "tjj_tianbao", "Jinpu-report-2025")
    assert _language_of(elsewhere, "/overview/") == "en"
    assert _language_of(elsewhere, "/report/") == "en"

    elsewhere.post("/language/", {"language": "zh-hans", "next": "/overview/"})
    assert Profile.objects.get(user__username="tjj_tianbao").language == "zh-hans"
    again = Client()
    _sign_in(again, "tjj_tianbao", "Jinpu-report-2025")
    assert _language_of(again, "/overview/") == "zh"


def test_one_persons_choice_is_not_another_persons(demo: Plan) -> None:
    browser = Client()
    _sign_in(browser, "tjj_tianbao", "Jinpu-report-2025")
    browser.post("/language/", {"language": "en", "next": "/overview/"})
    browser.post("/logout/")
    _sign_in(browser, "swj_tianbao", "Jinpu-report-2025")
    assert _language_of(browser, "/overview/") == "zh"
    assert Profile.objects.get(user__username="swj_tianbao").language == ""


def test_english_chosen_on_the_login_page_is_kept_for_who_signs_in(demo: Plan) -> None:
    browser = Client()
    browser.post("/language/", {"language": "en", "next": "/login/"})
    assert _language_of(browser, "/login/") == "en"
    _sign_in(browser, "lingdao", "Jinpu-leader-2025")
    assert Profile.objects.get(user__username="lingdao").language == "en"
    assert _language_of(browser, "/overview/") == "en"


def test_a_language_the_platform_does_not_speak_is_not_stored(demo: Plan) -> None:
    browser = Client()
    _sign_in(browser, "tjj_tianbao", "Jinpu-report-2025")
    browser.post("/language/", {"language": "fr", "next": "/overview/"})
    assert Profile.objects.get(user__username="tjj_tianbao").language == ""
    assert _language_of(browser, "/overview/") == "zh"


def test_the_switch_only_answers_a_post(demo: Plan) -> None:
    assert Client().get("/language/?language=en").status_code == 405


def test_the_api_docs_page_is_in_chinese_where_swagger_allows(demo: Plan) -> None:
    docs = Client().get("/api/docs", **ENGLISH_BROWSER).content.decode()
    assert "<title>Planwatch 规划实施监测评估平台 API</title>" in docs
    schema = Client().get("/api/openapi.json", **ENGLISH_BROWSER).json()
    assert "匿名访问只返回已发布数据" in schema["info"]["description"]
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert all(op["tags"] == ["规划、指标与监测数据"] for op in operations)  # no English "default" group
    assert all(re.search(r"[\u4e00-\u9fff]", op["summary"]) for op in operations), [op["summary"] for op in operations]
