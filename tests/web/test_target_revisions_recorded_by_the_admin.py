"""目标调整 (issue 13, item 7) on the platform: the administrator records a revised target with the year it takes
effect, the document and the reason; the rows are append-only; the evaluation of every year from then on judges by
the revised target and says so, and the years before are untouched. A reporter cannot record one; a target that
does not parse, or a year outside the plan, is refused and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.web.history import HistoryIsAppendOnly
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan, TargetRevision
from planwatch.web.plans.revisions import record_revision

LIFE = 18  # 人均预期寿命 ≥81.72 岁; 81.70 in 2025: 未完成 (tests/web/test_numbers_agree_with_words.py)


def _result(plan: Plan, year: int) -> Any:
    fresh = Plan.objects.get(pk=plan.pk)  # a new request: the data stamp read again
    return next(e for e in evaluate_plan(fresh, year, public=False)[0] if e.no == LIFE)


def test_a_revision_changes_the_years_from_its_own_on(demo: Plan) -> None:
    admin = User.objects.get(username="fgj_admin")
    before_2025, before_2023 = _result(demo, 2025), _result(demo, 2023)
    assert before_2025.status == "not_met"

    record_revision(admin, demo.indicators.get(no=LIFE), "≥81.5", 2024, "区政府关于调整“十四五”规划部分指标目标的通知（示例）",
                    "中期评估后调整（示例）")

    after_2025, after_2023 = _result(demo, 2025), _result(demo, 2023)
    assert after_2025.status == "met" and after_2025.expected == 81.5
    assert "目标已于2024年调整" in after_2025.explanation and "revised" in after_2025.flags
    assert (after_2023.status, after_2023.expected, after_2023.explanation) == (
        before_2023.status, before_2023.expected, before_2023.explanation)


def test_only_the_admin_records_a_revision_and_bad_ones_write_nothing(demo: Plan) -> None:
    reporter = User.objects.get(username="tjj_tianbao")
    admin = User.objects.get(username="fgj_admin")
    life = demo.indicators.get(no=LIFE)
    with pytest.raises(PermissionDenied):
        record_revision(reporter, life, "≥81.5", 2024, "某文件")
    with pytest.raises(ValidationError):
        record_revision(admin, life, "尽快提高", 2024, "某文件")  # no figure: not a target that can be judged
    with pytest.raises(ValidationError, match="不在规划期"):
        record_revision(admin, life, "≥81.5", 2031, "某文件")
    with pytest.raises(ValidationError):
        record_revision(admin, life, "≥81.5", 2024, "  ")  # the document is required
    assert not TargetRevision.objects.exists()


def test_revisions_are_append_only(demo: Plan) -> None:
    admin = User.objects.get(username="fgj_admin")
    row = record_revision(admin, demo.indicators.get(no=LIFE), "≥81.5", 2024, "某文件（示例）")
    with pytest.raises(HistoryIsAppendOnly):
        TargetRevision.objects.filter(pk=row.pk).update(target_raw="≥80")
    with pytest.raises(HistoryIsAppendOnly):
        row.delete()
