"""Without ``?as_of=``, every page judges the same year — the plan's current year: this year within the plan
period (issue 12: the overview defaulted to the end year while the ledgers and 考核 took this year, so a 15th plan
in 2027 showed 2030 on one page and 2027 on the next)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import Client

from planwatch.web.ledgers.services import assessment_year
from planwatch.web.plans.models import Plan


@pytest.mark.parametrize(("today", "jinpu", "fifteenth"), [
    (dt.date(2027, 6, 1), 2025, 2027),   # the 14th has ended: its end year; the 15th runs: this year
    (dt.date(2026, 12, 1), 2025, 2026),
    (dt.date(2024, 3, 1), 2024, 2026),   # before the 15th begins: its first year
])
def test_the_overview_and_the_ledgers_judge_the_same_default_year(
        demo: Plan, leader: Client, today: dt.date, jinpu: int, fifteenth: int) -> None:
    national_15th = Plan.objects.get(region__name="全国", title__contains="十五五", succeeds__isnull=False)
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        for plan, year in ((demo, jinpu), (national_15th, fifteenth)):
            assert leader.get(f"/overview/?plan={plan.pk}").context["as_of"] == year
            assert assessment_year(plan) == year
