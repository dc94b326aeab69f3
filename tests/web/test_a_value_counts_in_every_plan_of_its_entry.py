"""一数多用 (issue 17, item 1): a value entered once, for the master plan's indicator, counts in the special plan and
the successor plan that carry the same confirmed 指标库 entry — in their evaluations, their indicator pages and
the API — and does not while the entry is unconfirmed, or for an indicator of another entry (托位数 ≠ 入托率).
The plans are small examples (示例) imported from the tables of tests/web/shared_entries.py, in a region of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.services import counted_values, evaluate_plan, save_value, visible_observations
from planwatch.web.plans import library
from planwatch.web.plans.models import Plan

from .shared_entries import MASTER, SPECIAL, SUCCESSOR, import_table


@pytest.fixture
def family(demo: Plan, tmp_path: Path) -> tuple[Plan, Plan, Plan]:
    region = Region.objects.create(name="一数多用示例区")
    master = import_table(tmp_path, "示例区十四五纲要", MASTER, 2020, 2025, region)
    special = import_table(tmp_path, "示例区十四五托育专项规划", SPECIAL, 2020, 2025, region, parent=master)
    successor = import_table(tmp_path, "示例区十五五纲要", SUCCESSOR, 2025, 2030, region, succeeds=master)
    return master, special, successor


def _values(plan: Plan, no: int, year: int) -> float | None:
    """The value the evaluation uses in ``year``, read as a new request reads it (the stamp afresh)."""
    found = next(e for e in evaluate_plan(Plan.objects.get(pk=plan.pk), year, public=False)[0] if e.no == no)
    return found.actual if found.actual_year == year else None


def test_a_value_entered_once_counts_in_every_plan_of_its_confirmed_entry(family: tuple[Plan, Plan, Plan],
                                                                          admin_client: Client) -> None:
    master, special, successor = family
    admin = User.objects.get(username="fgj_admin")
    urban = master.indicators.get(no=1)
    assert urban.entry is not None
    assert special.indicators.get(no=2).entry_id == successor.indicators.get(no=1).entry_id == urban.entry_id
    assert _values(special, 2, 2025) is None  # evaluated (and cached) before the value exists

    save_value(admin, urban, master.region, 2025, 58.5, comment="示例")
    # unconfirmed: the value counts in its own plan only
    assert _values(master, 1, 2025) == 58.5
    assert _values(special, 2, 2025) is None and _values(successor, 1, 2025) is None

    stamps = {p.pk: Plan.objects.get(pk=p.pk).data_version for p in family}
    library.confirm(admin, urban.entry)
    assert all(Plan.objects.get(pk=p.pk).data_version > stamps[p.pk] for p in family)  # caches move on
    assert _values(special, 2, 2025) == 58.5  # the special plan's own number 2
    # the successor's base year: its series (2025–2030) starts with the value, as the page's table shows it
    chosen = counted_values(visible_observations(successor, public=False))
    assert {k: c.value for k, c in chosen.items()} == {(1, "一数多用示例区", 2025): 58.5}

    stamps = {p.pk: Plan.objects.get(pk=p.pk).data_version for p in family}
    save_value(admin, urban, master.region, 2024, 57.0, comment="示例")  # entered once, after the confirmation
    assert all(Plan.objects.get(pk=p.pk).data_version > stamps[p.pk] for p in family)
    assert _values(special, 2, 2024) == 57.0

    page = admin_client.get(f"/plans/{special.pk}/indicators/2/")
    assert page.status_code == 200
    assert sorted(o.value for o, _ in page.context["rows"]()) == [57.0, 58.5]
    rows = admin_client.get(f"/api/plans/{special.pk}/observations").json()
    assert sorted((r["indicator"], r["value"]) for r in rows) == [(2, 57.0), (2, 58.5)]
    page = admin_client.get(f"/plans/{successor.pk}/indicators/1/")
    assert [o.value for o, _ in page.context["rows"]()] == [57.0, 58.5]  # the series runs across both periods


def test_a_different_entry_never_shares_its_values(family: tuple[Plan, Plan, Plan]) -> None:
    master, special, _ = family
    admin = User.objects.get(username="fgj_admin")
    places, rate = master.indicators.get(no=2), special.indicators.get(no=1)
    assert places.entry_id != rate.entry_id  # 托位数 and 入托率: two measures, two entries
    assert places.entry is not None and rate.entry is not None
    library.confirm(admin, places.entry)
    library.confirm(admin, rate.entry)
    save_value(admin, places, master.region, 2025, 3.2, comment="示例")
    assert _values(master, 2, 2025) == 3.2
    assert _values(special, 1, 2025) is None


def test_the_successors_chart_runs_across_both_periods(family: tuple[Plan, Plan, Plan], admin_client: Client) -> None:
    """Issue 17 item 2: the 十五五 indicator's chart draws the 十四五 values before its own years (2020–2030), with
    no target of the new plan there and the old period shaded; a plan succeeding nothing starts at its base year."""
    master, special, successor = family
    admin = User.objects.get(username="fgj_admin")
    urban = master.indicators.get(no=1)
    assert urban.entry is not None
    library.confirm(admin, urban.entry)
    for year, value in ((2021, 52.0), (2023, 55.0), (2025, 58.5)):
        save_value(admin, urban, master.region, year, value, comment="示例")
    save_value(admin, successor.indicators.get(no=1), successor.region, 2026, 59.4, comment="示例")

    chart = admin_client.get(f"/plans/{successor.pk}/indicators/1/").context["chart"]()
    assert chart["years"] == [str(y) for y in range(2021, 2031)]
    by_year = dict(zip(chart["years"], chart["actual"], strict=True))
    assert [by_year[y] for y in ("2021", "2022", "2023", "2025", "2026")] == [52.0, None, 55.0, 58.5, 59.4]
    targets = dict(zip(chart["years"], chart["target"], strict=True))
    assert [targets[y] for y in ("2021", "2024")] == [None, None]  # the new plan sets no target before its base
    assert targets["2025"] == 60 and targets["2030"] == 65  # its baseline and its target
    assert chart["previous_period"] == ["2021", "2025"]

    special_chart = admin_client.get(f"/plans/{special.pk}/indicators/2/").context["chart"]()
    assert special_chart["years"][0] == "2020" and special_chart["previous_period"] == []  # succeeds nothing
