"""Production settings, secrets, login throttling, and stored script payloads rendered inert."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from planwatch.web.accounts.models import Department
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan

PAYLOADS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>']


def _django(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_", "DATABASE_URL"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "planwatch.web.settings", **env})
    return subprocess.run([sys.executable, "-m", "django", *args], capture_output=True, text=True, env=clean,
                          timeout=60, check=False)


def test_the_deployment_check_is_clean_in_production() -> None:
    result = _django("check", "--deploy", "--fail-level", "WARNING",
                     PLANWATCH_SECRET_KEY=secrets.token_urlsafe(60), PLANWATCH_DATA="/tmp")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["tests-only", "short-and-guessable"])
def test_it_refuses_to_start_with_a_short_secret(key: str, tmp_path: Path) -> None:
    # "tests-only" in a key no longer excuses its length: the test settings use a long key of their own
    result = _django("check", PLANWATCH_SECRET_KEY=key, PLANWATCH_DATA=str(tmp_path))
    assert result.returncode != 0
    assert "PLANWATCH_SECRET_KEY" in result.stderr


def _setting(expression: str, data: Path, **env: str) -> str:
    result = _django("shell", "--no-imports", "-c", f"from django.conf import settings; print({expression})",
                     PLANWATCH_DATA=str(data), **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_testserver_is_not_an_allowed_host_in_production(tmp_path: Path) -> None:
    hosts = _setting("settings.ALLOWED_HOSTS", tmp_path, PLANWATCH_SECRET_KEY=secrets.token_urlsafe(60))
    assert "testserver" not in hosts and "127.0.0.1" in hosts


def test_without_a_secret_one_is_generated_kept_private_and_reused(tmp_path: Path) -> None:
    first = _setting("settings.SECRET_KEY", tmp_path)
    stored = tmp_path / "secret_key"
    assert stored.read_text().strip() == first and len(first) >= 50
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert _setting("settings.SECRET_KEY", tmp_path) == first  # the next start uses the same key
    assert not [p.name for p in tmp_path.iterdir() if p.name != "secret_key"]  # no temporary file left behind


def test_repeated_failed_logins_are_throttled(demo: Plan) -> None:
    cache.clear()
    client = Client()
    for _ in range(4):
        assert client.post("/login/", {"username": "tjj_tianbao", "password": "wrong"}).status_code == 200
    fifth = client.post("/login/", {"username": "tjj_tianbao", "password": "wrong"})
    assert fifth.status_code == 429 and "登录失败次数过多，请15分钟后再试" in fifth.content.decode()  # told at once
    locked = client.post("/login/", {"username": "tjj_tianbao", "password": "Jinpu-report-2025"})
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    other = client.post("/login/", {"username": "swj_tianbao", "password": "Jinpu-report-2025"})
    assert other.status_code == 302  # another account is not locked
    cache.clear()


def test_a_successful_login_clears_the_count(demo: Plan) -> None:
    cache.clear()
    client = Client()
    for _ in range(4):
        client.post("/login/", {"username": "lingdao", "password": "wrong"})
    assert client.post("/login/", {"username": "lingdao", "password": "Jinpu-leader-2025"}).status_code == 302
    client.post("/logout/")
    for _ in range(4):
        assert client.post("/login/", {"username": "lingdao", "password": "wrong"}).status_code == 200
    cache.clear()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_script_payloads_are_rendered_inert(admin_client: Client, demo: Plan, payload: str) -> None:
    gdp = demo.indicators.get(no=1)
    gdp.name = "地区生产总值" + payload
    gdp.save()
    Department.objects.filter(name="统计局").update(name="统计局" + payload)
    Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=5.0, source=payload,
                               comment=payload, status=Status.SUBMITTED)
    demo.title = "规划" + payload
    demo.save()
    for url in ("/overview/?as_of=2025", f"/plans/{demo.pk}/indicators/1/", "/review/", "/plans/",
                "/ledgers/tasks/", "/public/", "/search/?q=地区生产总值"):
        body = admin_client.get(url).content.decode()
        assert payload not in body, url


ODD = ["1 OR 1=1", "'; DROP TABLE plans_task; --", "%", "\\", "abc", "-1", "9" * 30]


@pytest.mark.parametrize("value", ODD)
def test_filters_and_fields_with_odd_text_never_fail(admin_client: Client, demo: Plan, value: str) -> None:
    gets = [("/ledgers/tasks/", {"department": value, "light": value}), ("/overview/", {"as_of": value}),
            ("/search/", {"q": value}), (f"/plans/{demo.pk}/indicators/1/", {"as_of": value}),
            ("/reports/download/", {"kind": value, "format": value, "as_of": value})]
    for url, params in gets:
        assert admin_client.get(url, params).status_code in (200, 404), (url, value)
    posts = [("/report/save/", {"indicator": value, "year": value, "value": value, "region": value}),
             ("/rounds/", {"round": value, "until": value}),
             ("/plans/import/", {"region": value, "parent": value})]
    for url, data in posts:
        assert admin_client.post(url, data).status_code in (200, 302, 400, 404), (url, value)
    assert Plan.objects.filter(pk=demo.pk).exists()


def test_weak_passwords_are_refused() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678901", "password123", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Jinpu-report-2025-x")


def test_sessions_expire() -> None:
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
