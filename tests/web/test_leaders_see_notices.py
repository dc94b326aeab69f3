"""领导 reads every 督办单 (the rule is accounts.permissions.visible_notices / can_read_notice); a reporter reads
their own unit's only; the public none."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.ledgers.models import SupervisionNotice
from planwatch.web.ledgers.services import issue_notice
from planwatch.web.plans.models import Plan

from .items import led_by


def _notice(demo: Plan) -> SupervisionNotice:
    task = led_by(demo.tasks.order_by("id").first(), "统计局")
    return issue_notice(User.objects.get(username="fgj_admin"), task, "进度滞后，请说明原因", dt.date(2030, 1, 1))


def test_the_leader_sees_every_notice(leader: Client, demo: Plan) -> None:
    notice = _notice(demo)
    body = leader.get("/supervision/").content.decode()
    assert notice.number in body and "没有督办单" not in body
    page = leader.get(f"/supervision/{notice.pk}/")
    assert page.status_code == 200 and "进度滞后，请说明原因" in page.content.decode()
    assert 'id="reply"' not in page.content.decode()  # reads, does not answer


def test_the_lead_units_reporter_sees_it_and_may_reply(reporter: Client, demo: Plan) -> None:
    notice = _notice(demo)
    assert notice.number in reporter.get("/supervision/").content.decode()
    assert 'id="reply"' in reporter.get(f"/supervision/{notice.pk}/").content.decode()


def test_another_units_reporter_and_the_public_do_not(other_reporter: Client, outsider: Client, demo: Plan) -> None:
    notice = _notice(demo)
    assert notice.number not in other_reporter.get("/supervision/").content.decode()
    assert other_reporter.get(f"/supervision/{notice.pk}/").status_code == 403
    assert other_reporter.get(f"/supervision/print/{notice.pk}/").status_code == 403
    assert outsider.get(f"/supervision/{notice.pk}/").status_code == 302
