"""取自分解: in one action the admin takes the decomposition's value (年度目标分解) for a year as the annual target of
every indicator that has none yet; adopted targets are kept; the taken targets are judged like any other."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from planwatch.core.annual import decomposed_target
from planwatch.core.decompose import decompose
from planwatch.web.monitoring.services import plan_specs_of
from planwatch.web.plans.annual import in_force, take_decomposition
from planwatch.web.plans.models import AnnualTarget, AnnualTargetSource, Plan

YEAR = 2023


def test_the_decompositions_values_become_the_years_targets_in_one_action(admin_client: Client, demo: Plan) -> None:
    # one target adopted by hand first: it must be kept
    admin_client.post(f"/plans/{demo.pk}/annual/", {"year": str(YEAR), "target-1": "6.5左右"})
    specs = {s.no: s for s in plan_specs_of(demo)}
    expected = {row.no: decomposed_target(specs[row.no], row.values[YEAR]) for row in decompose(list(specs.values()))}
    expected = {no: raw for no, raw in expected.items() if raw is not None and no != 1}
    assert len(expected) > 10  # most Jinpu indicators have a path (a few have no baseline or no figure)

    response = admin_client.post(f"/plans/{demo.pk}/annual/", {"year": str(YEAR), "action": "decompose"},
                                 follow=True)
    assert f"已将{len(expected)}项指标{YEAR}年的分解值录为年度目标" in response.content.decode()
    held = in_force(demo, YEAR)
    assert held[(1, YEAR)].target_raw == "6.5左右" and held[(1, YEAR)].source == AnnualTargetSource.ADOPTED
    taken = {no: t.target_raw for (no, _), t in held.items() if t.source == AnnualTargetSource.DECOMPOSED}
    assert taken == expected
    assert all("年度目标分解" in t.document for t in held.values() if t.source == AnnualTargetSource.DECOMPOSED)

    # a second press takes nothing more
    admin_client.post(f"/plans/{demo.pk}/annual/", {"year": str(YEAR), "action": "decompose"})
    assert AnnualTarget.objects.filter(year=YEAR).count() == len(expected) + 1

    # a taken target is judged beside the path it came from
    no = next(iter(taken))
    answer = admin_client.get(f"/api/plans/{demo.pk}/indicators/{no}/years/{YEAR}").json()["annual_target"]
    assert answer["source"] == "decomposed" and answer["label"] in ("已完成", "未完成", "无数据")


def test_a_year_outside_the_plan_period_is_refused(admin_client: Client, demo: Plan) -> None:
    with pytest.raises(ValidationError, match="不在规划期"):
        take_decomposition(User.objects.get(username="fgj_admin"), demo, 2030)
    assert not AnnualTarget.objects.exists()
