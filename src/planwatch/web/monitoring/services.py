"""The data-collection workflow and evaluation from the database.

Status changes go through :data:`PIPELINE` only; each writes a history row in the same transaction,
under a row lock, so two people acting at once cannot lose an update or skip a step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from ...core.evaluation import Evaluation, Settings, evaluate
from ...core.kinds import plan_specs
from ...core.observations import build_table
from ..accounts.models import Region
from ..accounts.permissions import can_report, can_review, require
from ..plans.models import Indicator, Plan
from .models import Observation, ObservationEvent, Status

# from → allowed to, with who may make the move
PIPELINE: dict[str, dict[str, str]] = {
    Status.DRAFT: {Status.SUBMITTED: "reporter"},
    Status.RETURNED: {Status.SUBMITTED: "reporter"},
    Status.SUBMITTED: {Status.APPROVED: "reviewer", Status.RETURNED: "reviewer"},
    Status.APPROVED: {Status.PUBLISHED: "reviewer", Status.RETURNED: "reviewer"},
    Status.PUBLISHED: {Status.RETURNED: "reviewer"},
}
EDITABLE = {Status.DRAFT, Status.RETURNED}
JUMP_RATIO = 0.5  # a change of more than 50 % against last year needs a comment


class WorkflowError(ValidationError):
    """An illegal move or a stale edit; the message is shown to the person as it is."""


def _event(obs: Observation, actor: Any, action: str, old_status: str, old_value: float | None,
           reason: str = "") -> None:
    ObservationEvent.objects.create(observation=obs, actor=actor if getattr(actor, "pk", None) else None,
                                    action=action, from_status=old_status, to_status=obs.status,
                                    old_value=old_value, new_value=obs.value, reason=reason)


def check_round_open(user: Any, plan: Plan, year: int) -> None:
    """Reporters may enter and submit a year's values only while its round is open; the 发改局 admin,
    who reopens rounds, may always correct data."""
    if can_review(user):
        return
    from django.utils import timezone

    from .models import ReportingRound

    round_ = ReportingRound.objects.filter(plan=plan, year=year).first()
    if round_ is None:
        raise WorkflowError(f"{year}年数据尚未开放填报，请联系发改局")
    if timezone.localdate() > round_.open_until():
        raise WorkflowError(f"{round_.name}已于{round_.open_until():%Y-%m-%d}截止，如需补报请联系发改局重新开放")


def check_plausible(indicator: Indicator, region: Region, year: int, value: float, comment: str) -> None:
    """A jump against last year's value needs a comment saying why."""
    last = Observation.objects.filter(indicator=indicator, region=region, year=year - 1).exclude(
        status=Status.RETURNED).first()
    if last is not None and last.value and abs(value - last.value) / abs(last.value) > JUMP_RATIO and not comment:
        raise WorkflowError(f"{year}年数值{value:g}比上年{last.value:g}变化超过{JUMP_RATIO:.0%}，请在说明中写明原因")


@transaction.atomic
def save_value(user: Any, indicator: Indicator, region: Region, year: int, value: float, comment: str = "",
               version: int | None = None, source: str = "") -> Observation:
    """Enter or change a value (草稿). ``version`` is the version the form was opened with."""
    require(can_report(user, indicator), f"只有牵头单位（{indicator.lead or '未指定'}）的填报员可以填报该指标")
    plan = indicator.plan
    if plan.base_year and plan.end_year and not plan.base_year <= year <= plan.end_year:
        raise WorkflowError(f"年份 {year} 不在规划期 {plan.base_year}—{plan.end_year} 年内")
    check_round_open(user, plan, year)
    check_plausible(indicator, region, year, value, comment)
    obs = Observation.objects.select_for_update().filter(indicator=indicator, region=region, year=year,
                                                         source=source).first()
    if obs is None:
        obs = Observation.objects.create(indicator=indicator, region=region, year=year, value=value,
                                         comment=comment, source=source)
        _event(obs, user, "create", "", None, comment)
        return obs
    if version is not None and version != obs.version:
        raise WorkflowError("该数值已被他人修改，请刷新页面后再保存（未保存您的修改）")
    if obs.status not in EDITABLE:
        raise WorkflowError(f"该数值处于“{obs.get_status_display()}”状态，不能修改；如需修改请联系管理员退回")
    old = obs.value
    obs.value, obs.comment, obs.version = value, comment, obs.version + 1
    obs.save(update_fields=["value", "comment", "version", "updated_at"])
    _event(obs, user, "edit", obs.status, old, comment)
    return obs


@transaction.atomic
def transition(user: Any, observation_id: int, to_status: str, reason: str = "") -> Observation:
    """Move a value along the pipeline; refuses illegal moves and writes a history row."""
    if to_status not in Status.values:
        raise WorkflowError(f"未知的状态：{to_status}")
    obs = Observation.objects.select_for_update().select_related("indicator").get(pk=observation_id)
    who = next((w for moves in PIPELINE.values() for target, w in moves.items() if target == to_status), None)
    # permission first, from the target alone: someone who may not make this move learns nothing of the state
    require(who is not None and (can_report(user, obs.indicator) if who == "reporter" else can_review(user)))
    if to_status not in PIPELINE.get(obs.status, {}):
        raise WorkflowError(f"不能从“{obs.get_status_display()}”变为“{Status(to_status).label}”")
    if to_status == Status.SUBMITTED:
        check_round_open(user, obs.indicator.plan, obs.year)
    if to_status == Status.RETURNED and not reason.strip():
        raise WorkflowError("退回时必须写明理由")
    old_status = obs.status
    obs.status = to_status
    obs.version += 1
    obs.save(update_fields=["status", "version", "updated_at"])
    _event(obs, user, {"submitted": "submit", "approved": "approve", "returned": "return",
                       "published": "publish"}[to_status], old_status, obs.value, reason)
    return obs


def visible_observations(plan: Plan, public: bool) -> QuerySet[Observation]:
    qs = Observation.objects.filter(indicator__plan=plan).select_related("indicator", "region")
    return qs.filter(status=Status.PUBLISHED) if public else qs.exclude(status=Status.RETURNED)


def core_indicators(plan: Plan) -> Iterable[Any]:
    """The stored indicators as core values, so that evaluation runs the same rules as the CLI."""
    from ...core.model import Indicator as CoreIndicator
    from ...core.targets import parse_target

    for ind in plan.indicators.all():
        yield CoreIndicator(
            no=ind.no, category=ind.category, name=ind.name, unit=ind.unit, baseline_year=ind.baseline_year,
            baseline_value=ind.baseline_value, baseline_raw=ind.baseline_raw, target_year=ind.target_year,
            target=parse_target(ind.target_raw), growth=parse_target(ind.growth_raw),
            attribute=ind.attribute or None, notes=tuple(ind.notes))  # type: ignore[arg-type]


DEFAULT_SETTINGS = Settings()


def data_stamp(plan: Plan) -> str:
    """Changes whenever any value of the plan changes (a count and the latest change: one aggregate query).
    Cached evaluations are keyed by it, so every worker process sees a change at once."""
    from django.db.models import Count, Max

    memo: str | None = getattr(plan, "_data_stamp", None)  # once per request: the plan object lives that long
    if memo is not None:
        return memo
    agg = Observation.objects.filter(indicator__plan=plan).aggregate(n=Count("id"), last=Max("updated_at"))
    # who leads what is part of the stamp too: the overview groups lagging indicators by lead unit
    leads = hash(tuple(plan.indicators.order_by("no").values_list("no", "lead_id")))
    stamp = f"{plan.pk}-{agg['n']}-{agg['last'].timestamp() if agg['last'] else 0}-{leads}"
    plan._data_stamp = stamp  # type: ignore[attr-defined]
    return stamp


def evaluate_plan(plan: Plan, as_of: int, public: bool, region: Region | None = None,
                  settings: Settings = DEFAULT_SETTINGS) -> tuple[list[Evaluation], bool]:
    """Evaluate what this audience may see (cached per data stamp). Returns the results and whether
    simulated values were used."""
    from django.core.cache import cache

    key = f"evaluation:{data_stamp(plan)}:{as_of}:{public}:{region.pk if region else 0}:{hash(settings)}"
    cached = cache.get(key)
    if cached is None:
        cached = _evaluate_plan(plan, as_of, public, region, settings)
        cache.set(key, cached, 3600)
    return cached  # type: ignore[no-any-return]


def _evaluate_plan(plan: Plan, as_of: int, public: bool, region: Region | None,
                   settings: Settings) -> tuple[list[Evaluation], bool]:
    # reported values first: with equal standing, the choice rule keeps the earlier row, so a department's
    # figure always wins over a simulated one for the same year
    rows = list(visible_observations(plan, public).filter(region=region or plan.region).order_by("simulated", "id"))
    records = [{"indicator": str(o.indicator.no), "year": str(o.year), "value": repr(o.value),
                "region": o.region.name, "source": o.source,
                "flag": o.flag} for o in rows]  # final / expected / partial, as parse_flag reads them
    indicators = list(core_indicators(plan))
    table = build_table(records, indicators, plan.region.name)
    name = (region or plan.region).name
    if name not in table.regions:  # nothing reported yet: every indicator is 无数据, not an error
        table = replace(table, regions=(*table.regions, name))
    specs = plan_specs(indicators, plan.base_year or 0, plan.end_year or 0)
    return evaluate(specs, table, as_of, settings, [name]), any(o.simulated for o in rows)


@transaction.atomic
def reopen_round(user: Any, round_id: int, until: Any) -> Any:
    from .models import ReportingRound

    require(can_review(user), "只有发改局管理员可以重新开放填报")
    round_ = ReportingRound.objects.select_for_update().get(pk=round_id)
    round_.reopened_until = until
    round_.save(update_fields=["reopened_until"])
    return round_
