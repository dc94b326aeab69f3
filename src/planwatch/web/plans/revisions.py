"""Recording target revisions (目标调整) on stored plans; the rules of a revision are the core's (core.revisions).

- Only the 发改局 admin records a revision (``can_review``), in the admin.
- The new target must parse as a plan's target, the indicator be the plan's and the effective year lie in the plan
  period (core.revisions.check_revisions); a refusal writes nothing.
- Rows are append-only (plans.models.TargetRevision): the list is the history.
- Every write moves the plan's data version on: every cached evaluation, page and report is recomputed with the
  target in force (monitoring.services.plan_specs_of).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from ...core.errors import PlanwatchError
from ...core.revisions import TargetRevision as CoreRevision
from ...core.revisions import check_revisions
from ..accounts.permissions import can_review, require
from ..limits import bounded, column_max
from .models import Indicator, Plan, TargetRevision, touch_plans


def core_revisions(plan: Plan) -> list[CoreRevision]:
    """The plan's revisions as the core reads them, in the order they were recorded (a later one wins a tie)."""
    return [CoreRevision(r.indicator.no, r.target_raw, r.effective_from, r.document, r.reason)
            for r in TargetRevision.objects.filter(indicator__plan=plan).select_related("indicator").order_by(
                "at", "id")]


def checked(indicator: Indicator, target_raw: str, effective_from: int, document: str,
            reason: str = "") -> CoreRevision:
    """The revision as the core would use it, or ValidationError with the core's reason."""
    plan = indicator.plan
    try:
        revision = CoreRevision(indicator.no, target_raw.strip(), effective_from, document.strip(), reason.strip())
        # the check reads only each indicator's no: the stored row serves
        check_revisions([revision], [indicator], plan.base_year or 0, plan.end_year or 0)  # type: ignore[list-item]
    except PlanwatchError as exc:
        raise ValidationError(str(exc)) from exc
    return revision


def record_revision(user: Any, indicator: Indicator, target_raw: str, effective_from: int, document: str,
                    reason: str = "") -> TargetRevision:
    """Record one revision (checked first, written with the plan's new data version in one transaction)."""
    require(can_review(user), gettext("只有发改局管理员可以调整规划目标"))
    revision = checked(indicator, target_raw, effective_from, document, reason)
    with transaction.atomic():
        row = TargetRevision.objects.create(
            indicator=indicator,
            target_raw=bounded(revision.target, column_max(TargetRevision, "target_raw"), gettext("调整后目标")),
            effective_from=revision.effective_from,
            document=bounded(revision.document, column_max(TargetRevision, "document"), gettext("依据文件")),
            reason=bounded(revision.reason, column_max(TargetRevision, "reason"), gettext("调整原因")), actor=user)
        touch_plans([indicator.plan_id])
    return row
