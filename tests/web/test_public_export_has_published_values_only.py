"""公众门户 导出Excel: the portal's table, with no login, and only what is published — a draft, a submitted or an
approved value that staff see in their export is in no cell of the public one (the status table and an
indicator's 历年数据 alike)."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Indicator, Plan

from .workbooks import opened, rows

AS_OF = 2023
UNPUBLISHED = 987654.5
PUBLISHED = 123456.25


def _cells(response: object) -> list[object]:
    return [v for r in rows(opened(response)) for v in r]


@pytest.fixture
def unpublished(real_only: Plan) -> Indicator:
    """A value of a 亿元 indicator in the plan's region awaiting review, the only value of that year."""
    ind = real_only.indicators.filter(unit="亿元").order_by("no").first()
    assert ind is not None
    Observation.objects.filter(indicator=ind, year=AS_OF).delete()
    Observation.objects.create(indicator=ind, region=real_only.region, year=AS_OF, value=UNPUBLISHED,
                               status=Status.SUBMITTED, source="统计局（待审核）")
    Observation.objects.create(indicator=ind, region=real_only.region, year=AS_OF - 1, value=PUBLISHED,
                               status=Status.PUBLISHED, source="统计公报（测试）")
    return ind


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.APPROVED])
def test_staff_see_an_unpublished_value_the_public_export_leaves_out(admin_client: Client, outsider: Client,
                                                                    unpublished: Indicator, status: str) -> None:
    Observation.objects.filter(indicator=unpublished, year=AS_OF).update(status=status)
    staff = _cells(admin_client.get("/overview/", {"as_of": AS_OF, "format": "xlsx"}))
    assert UNPUBLISHED in staff  # the value is in the table staff export: the public check below can fail
    public = outsider.get("/public/", {"as_of": AS_OF, "format": "xlsx"})  # no login
    assert UNPUBLISHED not in _cells(public)


def test_the_public_export_has_the_rows_of_the_published_evaluation(outsider: Client, real_only: Plan) -> None:
    got = rows(opened(outsider.get("/public/", {"as_of": AS_OF, "format": "xlsx"})))
    results, simulated = evaluate_plan(real_only, AS_OF, True, real_only.region)
    assert not simulated and "含模拟数据" not in got[0][0]
    assert [(r[1], r[5], r[6]) for r in got[2:]] == [
        (e.name, e.expected, None if e.actual is None else e.year_value if e.period_value is not None else e.actual)
        for e in results]


def test_the_public_history_export_leaves_out_the_unpublished_value(admin_client: Client, outsider: Client,
                                                                    unpublished: Indicator) -> None:
    url = f"/plans/{unpublished.plan_id}/indicators/{unpublished.no}/"
    assert UNPUBLISHED in _cells(admin_client.get(url, {"format": "xlsx"}))
    public = rows(opened(outsider.get(url, {"format": "xlsx"})))
    assert UNPUBLISHED not in [v for r in public for v in r]
    assert PUBLISHED in [r[1] for r in public[2:]]  # the published value is there, as a number
    assert all(r[5] == "已发布" for r in public[2:])
