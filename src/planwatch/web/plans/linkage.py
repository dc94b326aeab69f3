"""规划衔接 in the web: which indicator of an upper-level plan each indicator implements, and whether the
lower target is weaker (the rule lives in planwatch.core.linkage; this module only reads and writes links)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, pgettext

from ...core.kinds import IndicatorSpec
from ...core.linkage import Alignment, compare_targets, suggest_links
from ..accounts.permissions import can_review, require
from .models import Indicator, Plan


@dataclass(frozen=True)
class LinkRow:
    indicator: Indicator
    upper: Indicator | None
    alignment: Alignment | None
    suggested: Indicator | None  # a same-named indicator of the parent plan, when none is linked yet


def _specs(plan: Plan) -> dict[int, IndicatorSpec]:
    from ..monitoring.services import plan_specs_of

    return {s.no: s for s in plan_specs_of(plan)}


def linkage_rows(plan: Plan) -> list[LinkRow]:
    """Every indicator of the plan with its upper indicator (if linked) and the verdict."""
    indicators = list(plan.indicators.select_related("upper__plan").order_by("no"))
    specs: dict[int, dict[int, IndicatorSpec]] = {plan.pk: _specs(plan)}
    for ind in indicators:
        if ind.upper is not None and ind.upper.plan_id not in specs:
            specs[ind.upper.plan_id] = _specs(ind.upper.plan)
    suggestions: dict[int, Indicator] = {}
    if plan.parent_id is not None and any(ind.upper_id is None for ind in indicators):
        parent = plan.parent
        assert parent is not None
        specs.setdefault(parent.pk, _specs(parent))
        by_no = {i.no: i for i in parent.indicators.all()}
        suggestions = {no: by_no[up] for no, up in suggest_links(list(specs[plan.pk].values()),
                                                                 list(specs[parent.pk].values())).items()}
    rows = []
    for ind in indicators:
        up = ind.upper
        verdict = None
        if up is not None:
            verdict = compare_targets(specs[up.plan_id][up.no], specs[plan.pk][ind.no],
                                      (ind.aggregation or up.aggregation or None))  # type: ignore[arg-type]
        rows.append(LinkRow(ind, up, verdict, None if up else suggestions.get(ind.no)))
    return rows


def candidates(plan: Plan) -> list[Indicator]:
    """Indicators a link may point to: those of the plan's parent and of its parent's ancestors."""
    ids = []
    current = plan.parent
    while current is not None and current.pk not in ids and len(ids) < 10:
        ids.append(current.pk)
        current = current.parent
    return list(Indicator.objects.filter(plan_id__in=ids).select_related("plan").order_by("plan_id", "no"))


@transaction.atomic
def set_links(user: Any, plan: Plan, links: dict[int, int | None]) -> int:
    """Set the upper indicator of several indicators at once (no → upper indicator id, None to unlink):
    all or nothing. Returns how many links changed."""
    require(can_review(user), gettext("只有发改局管理员可以设置规划衔接"))
    allowed = {i.pk for i in candidates(plan)}
    bad = [no for no, up in links.items() if up is not None and up not in allowed]
    if bad:
        raise ValidationError(gettext("指标%(numbers)s：所选上位指标不属于本规划的上级规划") % {
            "numbers": pgettext("list separator", "、").join(map(str, bad))})
    changed = 0
    for ind in plan.indicators.select_for_update().filter(no__in=list(links)):
        if ind.upper_id != links[ind.no]:
            ind.upper_id = links[ind.no]
            ind.save(update_fields=["upper"])
            changed += 1
    return changed
