"""Entering annual targets (年度目标): by hand as the 人大 adopted them, or the decomposition's values in one action.

The rules:

- Only the 发改局 admin enters annual targets (``can_review``), on the plan's 年度目标 page or in the admin.
- A target is written as a plan writes one (``5.5左右``, ``≥6``) and must parse (core.targets); the year lies in
  the plan period (the year after the base year … the end year). A refusal writes nothing.
- Rows are append-only (plans.models.AnnualTarget): a new entry for the same indicator and year is a new row and
  the latest row is in force; the earlier ones are its history.
- :func:`take_decomposition` writes, for every indicator without a target for the year, the decomposition's value
  (core.annual.decomposed_target over core.decompose), marked 取自分解; adopted targets are never overwritten.
  All or nothing, in one transaction.
- Every write moves the plan's data version on, so that cached pages showing the targets are recomputed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from ...core.annual import decomposed_target
from ...core.decompose import decompose
from ...core.errors import TargetExpressionError
from ...core.targets import parse_target
from ..accounts.permissions import can_review, require
from ..limits import bounded, column_max
from .models import AnnualTarget, AnnualTargetSource, Indicator, Plan, touch_plans


def plan_years(plan: Plan) -> list[int]:
    """The years of the plan period that annual targets and values are for: base year + 1 … end year."""
    if not (plan.base_year and plan.end_year):
        return []
    return list(range(plan.base_year + 1, plan.end_year + 1))


def in_force(plan: Plan, year: int | None = None) -> dict[tuple[int, int], AnnualTarget]:
    """(indicator number, year) → the annual target in force (the latest row), for the plan or one year of it."""
    rows = AnnualTarget.objects.filter(indicator__plan=plan).select_related("indicator", "actor")
    if year is not None:
        rows = rows.filter(year=year)
    latest: dict[tuple[int, int], AnnualTarget] = {}
    for row in rows.order_by("at", "id"):
        latest[(row.indicator.no, row.year)] = row
    return latest


def history(plan: Plan, limit: int = 200) -> list[AnnualTarget]:
    """The plan's annual target rows, newest first: the history the append-only rows keep."""
    return list(AnnualTarget.objects.filter(indicator__plan=plan).select_related("indicator", "actor").order_by(
        "-at", "-id")[:limit])


def _check_year(plan: Plan, year: int) -> None:
    years = plan_years(plan)
    if years and year not in years:
        raise ValidationError(gettext("年份 %(year)s 不在规划期 %(start)s—%(end)s 年内") % {
            "year": year, "start": years[0], "end": years[-1]})


@transaction.atomic
def enter_annual_target(user: Any, indicator: Indicator, year: int, raw: str, document: str = "",
                        adopted_on: dt.date | None = None,
                        source: str = AnnualTargetSource.ADOPTED) -> AnnualTarget:
    """Record the annual target of ``indicator`` for ``year`` as written (``raw``), with the document adopting it."""
    require(can_review(user), gettext("只有发改局管理员可以录入年度目标"))
    raw = raw.strip()
    if not raw:
        raise ValidationError(gettext("请填写年度目标，如 5.5左右、≥6"))
    bounded(raw, column_max(AnnualTarget, "target_raw"), gettext("年度目标"))
    bounded(document, column_max(AnnualTarget, "document"), gettext("文件"))
    if source not in AnnualTargetSource.values:
        raise ValidationError(gettext("未知的年度目标来源：%(source)s") % {"source": source})
    try:
        parse_target(raw, "年度目标")
    except TargetExpressionError as exc:
        raise ValidationError(f"{indicator.name}：{exc}（未保存）") from exc
    _check_year(indicator.plan, year)
    row = AnnualTarget.objects.create(indicator=indicator, year=year, target_raw=raw, document=document.strip(),
                                      adopted_on=adopted_on, source=source,
                                      actor=user if getattr(user, "pk", None) else None)
    touch_plans([indicator.plan_id])
    return row


@transaction.atomic
def take_decomposition(user: Any, plan: Plan, year: int) -> int:
    """The decomposition's value for ``year`` as the annual target of every indicator that has none for that year
    (取自分解); returns how many were written."""
    from ..monitoring.services import plan_specs_of  # how each indicator is judged: the stored kinds

    require(can_review(user), gettext("只有发改局管理员可以录入年度目标"))
    _check_year(plan, year)
    taken = {no for no, _ in in_force(plan, year)}
    specs = {s.no: s for s in plan_specs_of(plan)}
    by_no = {i.no: i for i in plan.indicators.all()}
    rows = []
    for row in decompose(list(specs.values())):
        raw = decomposed_target(specs[row.no], row.values.get(year))
        if raw is None or row.no in taken:
            continue
        rows.append(AnnualTarget(indicator=by_no[row.no], year=year, target_raw=raw,
                                 document=gettext("年度目标分解（%(method)s）") % {"method": row.method},
                                 source=AnnualTargetSource.DECOMPOSED,
                                 actor=user if getattr(user, "pk", None) else None))
    AnnualTarget.objects.bulk_create(rows)
    touch_plans([plan.pk])
    return len(rows)
