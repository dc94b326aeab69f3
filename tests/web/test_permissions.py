"""Every write path of this slice, tried by every persona."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.monitoring.models import Observation, ObservationEvent, Status
from planwatch.web.plans.models import Plan


def _draft(demo: Plan) -> Observation:
    return Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025,
                                      value=5.0, source="草稿", status=Status.DRAFT)


def _submitted(demo: Plan) -> Observation:
    obs = _draft(demo)
    obs.status = Status.SUBMITTED
    obs.save()
    return obs


# persona → may save a value for indicator 1 (lead: 统计局)?
SAVE = {"admin_client": True, "reporter": True, "other_reporter": False, "leader": False, "stranger": False}


@pytest.mark.parametrize("persona", list(SAVE))
def test_saving_a_value(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    gdp = demo.indicators.get(no=1)
    response = client.post("/report/save/", {"indicator": gdp.pk, "year": 2025, "value": "5.0"})
    created = Observation.objects.filter(indicator=gdp, year=2025, simulated=False).exists()
    assert created is SAVE[persona]
    assert response.status_code == (302 if SAVE[persona] else 403)


def test_saving_needs_a_login(outsider: Client, demo: Plan) -> None:
    gdp = demo.indicators.get(no=1)
    response = outsider.post("/report/save/", {"indicator": gdp.pk, "year": 2025, "value": "5"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not Observation.objects.filter(indicator=gdp, year=2025, simulated=False).exists()


# persona → may submit a draft of indicator 1? may approve a submitted value?
MOVES = {"admin_client": (True, True), "reporter": (True, False), "other_reporter": (False, False),
         "leader": (False, False), "stranger": (False, False)}


@pytest.mark.parametrize("persona", list(MOVES))
def test_submitting_and_approving(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    may_submit, may_approve = MOVES[persona]
    draft = _draft(demo)
    response = client.post(f"/observations/{draft.pk}/move/", {"to": "submitted"})
    assert Observation.objects.get(pk=draft.pk).status == (Status.SUBMITTED if may_submit else Status.DRAFT)
    assert response.status_code == (302 if may_submit else 403)
    draft.delete()
    pending = _submitted(demo)
    response = client.post(f"/observations/{pending.pk}/move/", {"to": "approved"})
    assert Observation.objects.get(pk=pending.pk).status == (Status.APPROVED if may_approve else Status.SUBMITTED)
    assert response.status_code == (302 if may_approve else 403)
    assert ObservationEvent.objects.filter(observation=pending).count() == (1 if may_approve else 0)


def test_moving_needs_a_login(outsider: Client, demo: Plan) -> None:
    pending = _submitted(demo)
    response = outsider.post(f"/observations/{pending.pk}/move/", {"to": "approved"})
    assert response.status_code == 302 and Observation.objects.get(pk=pending.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(("persona", "status"), [("admin_client", 200), ("reporter", 403), ("leader", 403),
                                                 ("outsider", 302)])
def test_the_review_page_is_for_the_planning_office(request: pytest.FixtureRequest, persona: str,
                                                      status: int) -> None:
    client: Client = request.getfixturevalue(persona)
    assert client.get("/review/").status_code == status


@pytest.mark.parametrize(("persona", "status"), [("admin_client", 200), ("reporter", 302), ("outsider", 302)])
def test_the_admin_site_is_for_the_planning_office(request: pytest.FixtureRequest, persona: str,
                                                     status: int) -> None:
    client: Client = request.getfixturevalue(persona)
    assert client.get("/admin/").status_code == status


def test_a_get_cannot_change_anything(admin_client: Client, demo: Plan) -> None:
    pending = _submitted(demo)
    assert admin_client.get(f"/observations/{pending.pk}/move/?to=approved").status_code == 405
    assert admin_client.get("/report/save/").status_code == 405
