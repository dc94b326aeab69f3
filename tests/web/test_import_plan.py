"""Importing a digitised plan writes every table in one transaction: all or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from planwatch.core.extract import extract_plan
from planwatch.web.accounts.models import Region
from planwatch.web.plans import services
from planwatch.web.plans.models import Commitment, Indicator, Node, Plan, Project, Task

from ..conftest import JINPU_TXT


def test_it_stores_the_whole_plan(db: Any) -> None:
    core = extract_plan(JINPU_TXT)
    plan = services.import_plan(core, Region.objects.create(name="测试区"), title="纲要")
    assert (plan.base_year, plan.end_year, plan.source_format) == (2020, 2025, "txt")
    assert plan.nodes.filter(kind="chapter").count() == 10
    assert plan.nodes.filter(kind="section").count() == 45
    assert plan.nodes.filter(kind="column").count() == 26
    assert Indicator.objects.filter(plan=plan).count() == 23
    assert Indicator.objects.filter(plan=plan, attribute="binding").count() == 6
    assert (Task.objects.filter(plan=plan).count(), Project.objects.filter(plan=plan).count(),
            Commitment.objects.filter(plan=plan).count()) == (len(core.tasks), len(core.projects), len(core.commitments))
    col = Node.objects.get(plan=plan, node_id="ch3/s1/col3-1")
    assert col.parent is not None and col.parent.node_id == "ch3/s1"
    gdp = Indicator.objects.get(plan=plan, no=1)
    assert (gdp.kind, gdp.direction, gdp.growth_raw) == ("growth_rate", "higher", "6.5")
    assert Indicator.objects.get(plan=plan, no=7).baseline_value is None  # "—" is unknown, not 0


def test_a_failure_half_way_leaves_nothing_behind(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    core = extract_plan(JINPU_TXT)
    region = Region.objects.create(name="测试区")
    before = (Plan.objects.count(), Node.objects.count(), Indicator.objects.count(), Task.objects.count())

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.Project.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.import_plan(core, region)
    assert (Plan.objects.count(), Node.objects.count(), Indicator.objects.count(), Task.objects.count()) == before
