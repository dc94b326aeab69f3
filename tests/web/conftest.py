"""Web fixtures: the demo database and the personas every permission rule is tested with."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.accounts.models import Department, Profile, Role
from planwatch.web.demo import load_demo
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Plan


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The demo is loaded once into the test database; every test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        load_demo(simulated=True)


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploaded files (佐证材料) go to a folder of this test run, never to ./var/media."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _chinese_after_each_test() -> Iterator[None]:
    """An English request leaves English active in the thread; the next test must start in Chinese, the default."""
    yield
    from django.utils import translation

    translation.activate("zh-hans")


@pytest.fixture
def demo(db: Any) -> Plan:
    plan = Plan.objects.filter(parent__isnull=True).order_by("id").first()
    assert plan is not None
    return plan


@pytest.fixture
def real_only(demo: Plan) -> Plan:
    """The demo without its simulated values (the deletion is rolled back after the test)."""
    Observation.objects.filter(simulated=True).delete()
    return demo


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def admin_client(demo: Plan) -> Client:
    """发改局 planning staff (管理员)."""
    return _client("fgj_admin")


@pytest.fixture
def reporter(demo: Plan) -> Client:
    """统计局 reporter (填报员), lead unit of indicators 1 and 12."""
    return _client("tjj_tianbao")


@pytest.fixture
def other_reporter(demo: Plan) -> Client:
    """商务局 reporter: not the lead unit of indicator 1."""
    return _client("swj_tianbao")


@pytest.fixture
def leader(demo: Plan) -> Client:
    """领导: reads everything, changes nothing."""
    return _client("lingdao")


@pytest.fixture
def outsider(demo: Plan) -> Client:
    """Not logged in (公众)."""
    return Client()


@pytest.fixture
def stranger(demo: Plan) -> Client:
    """A logged-in user with no role in the platform."""
    user = User.objects.create_user("stranger", password="Stranger-2025-x")
    Profile.objects.create(user=user, role=Role.REPORTER, department=Department.objects.get(name="教育局"))
    return _client("stranger")
