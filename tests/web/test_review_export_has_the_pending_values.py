"""审核发布 导出Excel: the values awaiting review or publication that the page lists, with their context (上年值,
变化, 目标值); only for those who may review, as the page."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan

from .workbooks import opened, rows


@pytest.fixture
def pending(demo: Plan) -> list[Observation]:
    ind = demo.indicators.order_by("no")
    made = [Observation.objects.create(indicator=i, region=demo.region, year=2024, value=1234.5 + n,
                                       status=Status.SUBMITTED if n % 2 else Status.APPROVED, source="统计局")
            for n, i in enumerate(ind[:3])]
    return made


def test_it_exports_the_values_the_review_page_lists(admin_client: Client, pending: list[Observation]) -> None:
    page = admin_client.get("/review/")
    listed = page.context["pending"]
    assert {o.pk for o in pending} <= {o.pk for o in listed}
    ws = opened(admin_client.get("/review/", {"format": "xlsx"}))
    got = rows(ws)
    assert "待审核数据" in got[0][0]
    assert got[1][:9] == ("规划", "地区", "序号", "指标", "牵头单位", "年份", "期间", "数值", "单位")
    assert [(r[3], r[5], r[7], r[8], r[11]) for r in got[2:]] == [
        (o.indicator.name, o.year, o.value, o.indicator.unit, o.target) for o in listed]
    assert all(isinstance(r[7], int | float) for r in got[2:])  # numbers, not text


def test_only_a_reviewer_may_export_it(reporter: Client, leader: Client, pending: list[Observation]) -> None:
    for client in (reporter, leader):
        response = client.get("/review/", {"format": "xlsx"})
        assert response.status_code == 403 and b"1234.5" not in response.content
