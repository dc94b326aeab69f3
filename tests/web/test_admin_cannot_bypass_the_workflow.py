"""The Django admin (/admin/) shows observations and every history table read-only: a superuser or the 发改局
admin who posts to its change, add or delete forms gets a refusal and nothing changes — no status or value
moves without the workflow pipeline and its history row, no draft reaches the public, no history row is
edited or deleted (also not by deleting the plan, indicator or ledger item it belongs to)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.ledgers.models import LedgerEvent, ProgressUpdate, SupervisionNotice
from planwatch.web.ledgers.services import add_milestone, update_progress
from planwatch.web.monitoring.models import Observation, ObservationEvent, Status
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan


def _fingerprint() -> tuple[Any, ...]:
    return (sorted(Observation.objects.values_list("pk", "status", "value", "comment", "version")),
            sorted(ObservationEvent.objects.values_list("pk", "action", "to_status", "new_value", "reason")),
            sorted(ProgressUpdate.objects.values_list("pk", "new_progress", "note")),
            sorted(LedgerEvent.objects.values_list("pk", "action", "detail")),
            sorted(SupervisionNotice.objects.values_list("pk", "status")),
            Plan.objects.count())


@pytest.fixture(params=["fgj_admin", "superuser"])
def staff(request: Any, demo: Plan) -> Client:
    """The 发改局 admin (a superuser in the demo), and a superuser made with createsuperuser (no profile)."""
    if request.param == "superuser":
        User.objects.create_superuser("root", password="Root-password-2025")
    client = Client()
    client.force_login(User.objects.get(username="fgj_admin" if request.param == "fgj_admin" else "root"))
    return client


@pytest.fixture
def draft(demo: Plan) -> Observation:
    return save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 5.1,
                      comment="统计快报", source="统计局")


def _form(obs: Observation, **changes: Any) -> dict[str, Any]:
    fields = {"indicator": obs.indicator_id, "region": obs.region_id, "year": obs.year, "value": obs.value,
              "flag": obs.flag, "period": obs.period, "source": obs.source, "status": obs.status,
              "comment": obs.comment, "version": obs.version, "_save": "Save"}
    return {**fields, **changes}


def test_the_admin_cannot_publish_a_draft_or_change_its_value(staff: Client, draft: Observation) -> None:
    before = _fingerprint()
    response = staff.post(f"/admin/monitoring/observation/{draft.pk}/change/",
                          _form(draft, status=Status.PUBLISHED, value=99.0))
    assert response.status_code == 403
    assert _fingerprint() == before
    assert Observation.objects.get(pk=draft.pk).status == Status.DRAFT


def test_the_admin_shows_an_observation_and_its_history_read_only(staff: Client, draft: Observation) -> None:
    page = staff.get(f"/admin/monitoring/observation/{draft.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="status"' not in body and 'name="value"' not in body  # shown, not editable
    assert "统计快报" in body


def test_the_admin_cannot_add_or_delete_observations(staff: Client, draft: Observation, demo: Plan) -> None:
    before = _fingerprint()
    added = staff.post("/admin/monitoring/observation/add/", _form(draft, year=2024, status=Status.PUBLISHED))
    deleted = staff.post(f"/admin/monitoring/observation/{draft.pk}/delete/", {"post": "yes"})
    bulk = staff.post("/admin/monitoring/observation/", {"action": "delete_selected", "_selected_action": [draft.pk],
                                                         "post": "yes"})
    assert added.status_code == 403 and deleted.status_code == 403
    assert bulk.status_code in (200, 302, 403)
    assert _fingerprint() == before


def test_the_admin_cannot_change_or_delete_history_rows(staff: Client, draft: Observation, demo: Plan) -> None:
    admin_user = User.objects.get(username="fgj_admin")
    task = demo.tasks.order_by("id").first()
    update_progress(admin_user, task, 40, "开工")
    add_milestone(admin_user, task, "完成立项", dt.date(2026, 6, 30))
    event = ObservationEvent.objects.get(observation=draft)
    update = ProgressUpdate.objects.get(task=task)
    ledger_event = LedgerEvent.objects.get(task=task)
    before = _fingerprint()
    posts = [
        (f"/admin/monitoring/observationevent/{event.pk}/change/",
         {"observation": draft.pk, "action": "publish", "to_status": "published", "reason": "改写", "_save": "Save"}),
        (f"/admin/monitoring/observationevent/{event.pk}/delete/", {"post": "yes"}),
        ("/admin/monitoring/observationevent/add/", {"observation": draft.pk, "action": "publish",
                                                    "to_status": "published"}),
        (f"/admin/ledgers/progressupdate/{update.pk}/change/",
         {"task": task.pk, "old_progress": 0, "new_progress": 100, "note": "改写", "_save": "Save"}),
        (f"/admin/ledgers/progressupdate/{update.pk}/delete/", {"post": "yes"}),
        (f"/admin/ledgers/ledgerevent/{ledger_event.pk}/delete/", {"post": "yes"}),
    ]
    for url, data in posts:
        assert staff.post(url, data).status_code in (403, 404), url
    assert _fingerprint() == before


def test_deleting_what_history_belongs_to_is_refused_in_the_admin(staff: Client, draft: Observation,
                                                                  demo: Plan) -> None:
    before = _fingerprint()
    for url in (f"/admin/plans/plan/{demo.pk}/delete/", f"/admin/plans/indicator/{draft.indicator_id}/delete/"):
        response = staff.post(url, {"post": "yes"})
        assert response.status_code in (200, 403), url  # 200: the page naming what may not be deleted
    assert _fingerprint() == before


def test_a_supervision_notice_status_moves_only_through_its_own_steps(staff: Client, demo: Plan) -> None:
    from planwatch.web.accounts.models import Department

    notice = SupervisionNotice.objects.create(task=demo.tasks.order_by("id").first(), reason="进度滞后",
                                              department=Department.objects.get(name="统计局"),
                                              reply_due=dt.date(2026, 12, 31))
    before = _fingerprint()
    response = staff.post(f"/admin/ledgers/supervisionnotice/{notice.pk}/change/",
                          {"task": notice.task_id, "department": notice.department_id, "reason": "进度滞后",
                           "reply_due": "2026-12-31", "status": "closed", "_save": "Save"})
    assert response.status_code == 403
    assert _fingerprint() == before


def test_ledger_progress_is_not_edited_in_the_admin(staff: Client, demo: Plan) -> None:
    task = demo.tasks.order_by("id").first()
    before = (task.progress, task.progress_note, _fingerprint())
    staff.post(f"/admin/plans/task/{task.pk}/change/", {
        "plan": task.plan_id, "node": task.node_id, "title": task.title, "body": task.body, "progress": 100,
        "progress_note": "后台改写", "_save": "Save"})
    task.refresh_from_db()
    assert (task.progress, task.progress_note, _fingerprint()) == before
    page = staff.get(f"/admin/plans/task/{task.pk}/change/").content.decode()
    assert 'name="progress"' not in page  # shown, not editable: progress moves in the ledger, with its history
