"""A 督办单 moves only along its declared pipeline (已下发 → 已答复 → 已办结), and every move leaves a history row
(who, when, from, to, what was said) that the notice page and the admin show and nobody can change."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.history import HistoryIsAppendOnly
from planwatch.web.ledgers.models import NoticeEvent, SupervisionNotice
from planwatch.web.ledgers.services import NOTICE_PIPELINE
from planwatch.web.plans.models import Plan

from .test_ledgers import _task_of


def _issued(admin_client: Client, demo: Plan) -> SupervisionNotice:
    task = _task_of(demo, "统计局")
    admin_client.post(f"/ledgers/tasks/{task.pk}/notice/", {"reason": "进度滞后，请说明", "reply_due": "2030-12-31"})
    return SupervisionNotice.objects.get(task=task)


def _history(notice: SupervisionNotice) -> list[tuple[str, str, str, str]]:
    return [(e.actor.username if e.actor else "", e.from_status, e.to_status, e.note)
            for e in NoticeEvent.objects.filter(notice=notice)]


def test_the_pipeline_is_declared_once() -> None:
    assert {old: {new: move.who for new, move in moves.items()} for old, moves in NOTICE_PIPELINE.items()} == {
        "": {"issued": "admin"},
        "issued": {"answered": "reporter"},
        "answered": {"closed": "admin"},
    }


def test_each_move_writes_one_history_row(admin_client: Client, reporter: Client, demo: Plan) -> None:
    notice = _issued(admin_client, demo)
    reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "已调整计划，年底前完成"})
    admin_client.post(f"/supervision/{notice.pk}/close/")
    assert _history(notice) == [
        ("fgj_admin", "", "issued", "进度滞后，请说明"),
        ("tjj_tianbao", "issued", "answered", "已调整计划，年底前完成"),
        ("fgj_admin", "answered", "closed", ""),
    ]


def test_a_refused_move_writes_no_history(admin_client: Client, reporter: Client, other_reporter: Client,
                                          demo: Plan) -> None:
    notice = _issued(admin_client, demo)
    admin_client.post(f"/supervision/{notice.pk}/close/")  # not answered yet
    assert other_reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "不是我们的"}).status_code == 403
    reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "  "})  # an empty reply
    assert _history(notice) == [("fgj_admin", "", "issued", "进度滞后，请说明")]
    reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "已办"})
    reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "再答一次"})  # answered once only
    assert [row[2] for row in _history(notice)] == ["issued", "answered"]


def test_the_notice_page_shows_its_history(admin_client: Client, reporter: Client, demo: Plan) -> None:
    notice = _issued(admin_client, demo)
    reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "已调整计划"})
    body = reporter.get("/supervision/").content.decode()
    assert "fgj_admin · 已下发" in body and "tjj_tianbao · 已下发 → 已答复" in body


def test_the_admin_shows_the_history_and_cannot_change_it(admin_client: Client, demo: Plan) -> None:
    notice = _issued(admin_client, demo)  # fgj_admin is a superuser, and may open the admin
    page = admin_client.get(f"/admin/ledgers/supervisionnotice/{notice.pk}/change/")
    assert page.status_code == 200 and "督办单记录" in page.content.decode()
    event = NoticeEvent.objects.get(notice=notice)
    assert admin_client.post(f"/admin/ledgers/noticeevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        NoticeEvent.objects.filter(notice=notice).update(note="改写")
    assert _history(notice) == [("fgj_admin", "", "issued", "进度滞后，请说明")]

