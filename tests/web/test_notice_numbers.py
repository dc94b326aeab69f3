"""督办单 numbers: 金普督〔年〕N号, per issuing year, given in the transaction that creates the notice, never twice;
the reply date is the issuer's choice (today or later)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from planwatch.web.ledgers.models import NoticeCounter, SupervisionNotice
from planwatch.web.ledgers.services import issue_notice
from planwatch.web.plans.models import Plan

from .items import led_by


def test_two_notices_get_two_numbers_of_this_year(admin_client: Client, demo: Plan) -> None:
    tasks = [led_by(t) for t in demo.tasks.order_by("id")[:2]]
    year = timezone.localdate().year
    before = NoticeCounter.objects.filter(year=year).values_list("last", flat=True).first() or 0
    for task in tasks:
        response = admin_client.post(f"/ledgers/tasks/{task.pk}/notice/", {"reason": "进度滞后", "reply_due": "2030-06-30"})
        assert response.status_code == 302
    first, second = (SupervisionNotice.objects.get(task=t) for t in tasks)
    assert (first.year, first.seq, second.seq) == (year, before + 1, before + 2)
    assert first.number == f"金普督〔{year}〕{before + 1}号" != second.number
    assert first.reply_due == dt.date(2030, 6, 30)  # the date the issuer chose
    assert first.number in admin_client.get("/supervision/").content.decode()


def test_a_number_cannot_be_given_twice(demo: Plan) -> None:
    task = led_by(demo.tasks.order_by("id").first())
    notice = issue_notice(User.objects.get(username="fgj_admin"), task, "滞后", dt.date(2030, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionNotice.objects.create(task=task, department=task.lead, reason="重号", reply_due=dt.date(2030, 1, 1),
                                         year=notice.year, seq=notice.seq)


def test_a_reply_date_in_the_past_is_refused(admin_client: Client, demo: Plan) -> None:
    task = led_by(demo.tasks.order_by("id").first())
    counters = list(NoticeCounter.objects.values_list("year", "last"))
    with pytest.raises(ValidationError, match="答复时限不能早于今天"):
        issue_notice(User.objects.get(username="fgj_admin"), task, "滞后", dt.date(2020, 1, 1))
    admin_client.post(f"/ledgers/tasks/{task.pk}/notice/", {"reason": "滞后", "reply_due": "明天"})
    assert not SupervisionNotice.objects.filter(task=task).exists()
    assert list(NoticeCounter.objects.values_list("year", "last")) == counters  # no number used up
