"""填报轮次 导出Excel: the plan's rounds as the page groups them, with their deadlines as date cells."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from planwatch.web.monitoring.models import ReportingRound
from planwatch.web.plans.models import Plan

from .workbooks import opened, rows


def test_it_exports_the_rounds_the_page_lists(reporter: Client, demo: Plan) -> None:
    page = reporter.get("/rounds/", {"plan": demo.pk})
    listed = [r for _, group in page.context["groups"] for r in group]
    assert listed and set(listed) == set(ReportingRound.objects.filter(plan=demo))
    ws = opened(reporter.get("/rounds/", {"plan": demo.pk, "format": "xlsx"}))
    got = rows(ws)
    assert demo.title in got[0][0] and demo.region.name in got[0][0]
    assert got[1] == ("频度", "轮次", "期间", "截止日期", "重新开放至", "状态")
    assert [(r[1], r[2]) for r in got[2:]] == [(r.name, r.label) for r in listed]
    assert [r[3].date() if isinstance(r[3], dt.datetime) else r[3] for r in got[2:]] == [r.deadline for r in listed]
    assert all(isinstance(r[3], dt.date) for r in got[2:])


def test_the_rounds_export_needs_a_login(outsider: Client, demo: Plan) -> None:
    assert outsider.get("/rounds/", {"format": "xlsx"}).status_code == 302
