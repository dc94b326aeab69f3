"""Optimistic versions on the entry form and the API: a value is changed only by someone who saw its current
version. A form opened before the value existed carries version 0 (so does an API call without ``version``):
it may create the value, never overwrite one entered meanwhile. A stale version is refused with 409 and
nothing is written."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan


def _reporter() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="tjj_tianbao"))
    return client


def _draft(demo: Plan, value: float = 5.1) -> Observation:
    return save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, value)


def _form(demo: Plan, value: str, version: object) -> dict[str, object]:
    return {"indicator": demo.indicators.get(no=1).pk, "year": 2025, "value": value, "version": version}


def test_the_entry_form_carries_version_0_and_each_draft_its_own_version(demo: Plan) -> None:
    obs = _draft(demo)
    page = _reporter().get("/report/").content.decode()
    assert '<input type="hidden" name="version" value="0">' in page
    edit = re.search(rf'data-observation="{obs.pk}".*?</tr>', page, re.DOTALL)
    assert edit is not None and f'name="version" value="{obs.version}"' in edit.group(0)


def test_two_people_saving_from_the_same_opened_version_the_second_is_refused(demo: Plan) -> None:
    obs = _draft(demo)
    first, second = _reporter(), _reporter()
    assert first.post("/report/save/", _form(demo, "5.2", obs.version)).status_code == 302
    refused = second.post("/report/save/", _form(demo, "5.3", obs.version))
    assert refused.status_code == 409
    assert "该数值已被他人修改" in refused.content.decode()
    assert Observation.objects.get(pk=obs.pk).value == 5.2


def test_a_new_value_form_cannot_overwrite_a_value_entered_meanwhile(demo: Plan) -> None:
    opened_before = _reporter()
    obs = _draft(demo, 5.1)  # someone else enters the value after the form was opened
    response = opened_before.post("/report/save/", _form(demo, "9.9", 0))
    assert response.status_code == 409
    assert Observation.objects.get(pk=obs.pk).value == 5.1


def test_a_save_without_a_version_does_not_overwrite_an_existing_value(demo: Plan) -> None:
    obs = _draft(demo, 5.1)
    form = _form(demo, "9.9", 0)
    del form["version"]
    assert _reporter().post("/report/save/", form).status_code == 409
    assert Observation.objects.get(pk=obs.pk).value == 5.1


def _api(demo: Plan, version: int | None = None, value: float = 9.9) -> tuple[int, dict[str, object]]:
    token = ApiToken.issue(User.objects.get(username="tjj_tianbao"), "版本")[1]
    body: dict[str, object] = {"indicator": demo.indicators.get(no=1).pk, "year": 2025, "value": value}
    if version is not None:
        body["version"] = version
    response = Client().post("/api/observations", body, content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, response.json()


def test_the_api_creates_a_value_without_a_version_or_with_version_0(demo: Plan) -> None:
    status, body = _api(demo, None, 5.0)
    assert (status, body["version"]) == (201, 1)
    Observation.objects.filter(pk=body["id"]).delete()
    status, body = _api(demo, 0, 5.0)
    assert (status, body["version"]) == (201, 1)


def test_the_api_refuses_to_overwrite_an_existing_value_without_its_version(demo: Plan) -> None:
    obs = _draft(demo, 5.1)
    for version in (None, 0):
        status, body = _api(demo, version)
        assert status == 409 and "请刷新" in str(body["detail"])
    assert Observation.objects.get(pk=obs.pk).value == 5.1


def test_two_api_clients_editing_from_the_same_version_the_second_is_refused(demo: Plan) -> None:
    obs = _draft(demo, 5.1)
    assert _api(demo, obs.version, 5.2)[0] == 201
    status, body = _api(demo, obs.version, 5.3)
    assert status == 409 and "该数值已被他人修改" in str(body["detail"])
    assert Observation.objects.get(pk=obs.pk).value == 5.2
