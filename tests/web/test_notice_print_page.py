"""The printed 督办通知: a page of its own in a GB/T 9704-like layout — issuer, number, title, addressee, body,
reply date, signature, date — with a print stylesheet and no navigation or forms."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.ledgers.services import issue_notice
from planwatch.web.plans.models import Plan

from .items import led_by


def test_the_print_page_has_the_notice_and_no_navigation(leader: Client, demo: Plan) -> None:
    task = led_by(demo.tasks.order_by("id").first(), "统计局")
    notice = issue_notice(User.objects.get(username="fgj_admin"), task, "进度滞后。\n请说明原因及措施。",
                          dt.date(2030, 3, 31))
    response = leader.get(f"/supervision/print/{notice.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<nav" not in body and "<form" not in body and "navbar" not in body
    assert "@media print" in body and "@page" in body
    assert notice.number in body and "统计局：" in body and "请于2030年3月31日前" in body
    assert body.index(notice.number) < body.index("关于督促办理有关事项的通知") < body.index("请说明原因及措施")
    assert len(re.findall(r"<p>请说明原因及措施。</p>", body)) == 1  # each line of the reason its own paragraph
