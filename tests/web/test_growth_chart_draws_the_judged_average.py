"""A growth indicator's chart draws the yearly rates and, beside them, the compound average the status is judged
on, as of each year; the average at the page's year is the status's own figure (issue 12: a chart never shows a
different number from the status beside it). A level has no such line."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan

GDP, SHARE = 1, 4  # 地区生产总值增长 (年均增速), 工业增加值占比 (a level)


@pytest.mark.parametrize("as_of", [2023, 2025])
def test_the_average_line_at_the_page_s_year_is_the_status_s_figure(demo: Plan, leader: Client, as_of: int) -> None:
    chart = leader.get(f"/plans/{demo.pk}/indicators/{GDP}/?as_of={as_of}").context["chart"]()
    status = next(e for e in evaluate_plan(demo, as_of, public=False)[0] if e.no == GDP)
    at = chart["years"].index(str(as_of))

    assert chart["period_label"] == "年均"
    assert chart["period"][at] == pytest.approx(status.period_value)
    assert chart["actual"][at] == pytest.approx(status.year_value)  # the year's own rate, labelled 当年
    earlier = next(e for e in evaluate_plan(demo, as_of - 1, public=False)[0] if e.no == GDP)
    assert chart["period"][at - 1] == pytest.approx(earlier.period_value)  # as the evaluation a year before said


def test_a_level_has_no_period_line(demo: Plan, leader: Client) -> None:
    chart = leader.get(f"/plans/{demo.pk}/indicators/{SHARE}/?as_of=2024").context["chart"]()
    assert chart["period"] == []
