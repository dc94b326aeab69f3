"""The data-collection workflow and evaluation from the database.

Status changes go through :data:`PIPELINE` only; each writes a history row in the same transaction,
under a row lock, so two people acting at once cannot lose an update or skip a step.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveSmallIntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext, gettext_noop, pgettext

from ...core.evaluation import Evaluation, Settings, build_cube, evaluate_cube, evaluations
from ...core.kinds import KINDS, plan_specs
from ...core.observations import EXPECTED, FINAL, PARTIAL, ObservationTable
from ...core.revisions import specs_in_force
from ...core.rollup import rollup_marked
from ...core.series import Candidate, Choice, choose
from ..accounts.models import Region, Role
from ..accounts.permissions import can_report, can_review, require, require_report
from ..cache import cached
from ..limits import COMMENT_MAX, bounded, column_max
from ..plans.models import Indicator, IndicatorEntry, Plan
from .models import (
    Flag,
    Frequency,
    Observation,
    ObservationEvent,
    ReportingRound,
    Status,
    months_into_year,
    parse_period,
    period_code,
    period_end,
    period_name,
)

# from → allowed to, with who may make the move: the lead unit's 填报员 (Role.REPORTER, ``can_report``; the
# admin too) or the 发改局 admin (Role.ADMIN, ``can_review``)
PIPELINE: dict[str, dict[str, Role]] = {
    Status.DRAFT: {Status.SUBMITTED: Role.REPORTER},
    Status.RETURNED: {Status.SUBMITTED: Role.REPORTER},
    Status.SUBMITTED: {Status.APPROVED: Role.ADMIN, Status.RETURNED: Role.ADMIN},
    Status.APPROVED: {Status.PUBLISHED: Role.ADMIN, Status.RETURNED: Role.ADMIN},
    Status.PUBLISHED: {Status.RETURNED: Role.ADMIN},
}
EDITABLE = {Status.DRAFT, Status.RETURNED}
JUMP_RATIO = 0.5  # a change of more than 50 % against last year needs a comment


class WorkflowError(ValidationError):
    """An illegal move or a stale edit; the message, in the request's language, is shown to the person as it is."""


class StaleVersion(WorkflowError):
    """The value changed since the form was opened (or was entered by someone else meanwhile): 409, nothing saved."""


def _event(obs: Observation, actor: Any, action: str, old_status: str, old_value: float | None,
           reason: str = "") -> None:
    ObservationEvent.objects.create(observation=obs, actor=actor if getattr(actor, "pk", None) else None,
                                    action=action, from_status=old_status, to_status=obs.status,
                                    old_value=old_value, new_value=obs.value, reason=reason)


def check_round_open(user: Any, plan: Plan, year: int, period: str = "") -> None:
    """Reporters may enter and submit a period's values only while that period's round is open — the year's
    round for a full-year value (``period`` "" or text as written in imported data), the quarter's or
    month's round for ``2026Q1`` / ``2026-03``: an open Q2 round opens nothing else. The 发改局 admin, who
    reopens rounds, may always correct data."""
    if can_review(user):
        return
    from django.utils import timezone

    parsed = parse_period(period)
    frequency, number = (parsed[1], parsed[2]) if parsed else (Frequency.ANNUAL, 0)
    round_ = ReportingRound.objects.filter(plan=plan, year=year, frequency=frequency, period=number).first()
    if round_ is None:
        what = period_name(year, frequency, number, gettext) if parsed else gettext("%(year)s年") % {"year": year}
        raise WorkflowError(gettext("%(period)s数据尚未开放填报，请联系发改局") % {"period": what})
    if timezone.localdate() > round_.open_until():
        # xgettext:no-python-format — the Chinese names the round as stored (2024年度数据填报), the English its period
        raise WorkflowError(gettext("%(round)s已于%(date)s截止，如需补报请联系发改局重新开放") % {
            "round": round_.name, "period": round_.label, "date": f"{round_.open_until():%Y-%m-%d}"})


def same_period(year: int, period: str) -> dict[str, Any]:
    """The lookup of the values of ``period`` in ``year``: a quarter's or month's by its code, a full year's by
    every value that is not part-year (imported data may carry ``全年`` or an estimate)."""
    parsed = parse_period(period)
    if parsed:
        return {"year": year, "period": period_code(year, parsed[1], parsed[2])}
    return {"year": year, "flag__in": [Flag.FINAL, Flag.EXPECTED]}


def _year_before(year: int, period: str) -> tuple[int, str]:
    """The same period a year earlier: (year − 1, its period code; "" for a full year)."""
    parsed = parse_period(period)
    return year - 1, period_code(year - 1, parsed[1], parsed[2]) if parsed else ""


def last_value(indicator: Indicator, region: Region, year: int, period: str = "") -> Choice | None:
    """Last year's value of the same period (a quarter's a year earlier, or the full year) that counts (core.series,
    among values not returned): what a new value is compared with — the jump check, the entry form, the 填报模板
    and the review."""
    rows = Observation.objects.filter(indicator=indicator, region=region, **same_period(*_year_before(year, period))).exclude(
        status=Status.RETURNED).select_related("indicator", "region")
    return next(iter(counted_values(rows).values()), None)


def last_values(observations: Sequence[Observation]) -> dict[int, Choice | None]:
    """:func:`last_value` of each observation (by id), in one query: the review page lists every pending value."""
    wanted = {o.pk: (o.indicator_id, o.region_id, *_year_before(o.year, o.period)) for o in observations}
    if not wanted:
        return {}
    groups: dict[tuple[int, int, int, str], list[Observation]] = {}
    for row in Observation.objects.filter(
            indicator_id__in={k[0] for k in wanted.values()}, region_id__in={k[1] for k in wanted.values()},
            year__in={k[2] for k in wanted.values()}).exclude(status=Status.RETURNED).select_related("indicator",
                                                                                                 "region"):
        if row.period and parse_period(row.period):  # a quarter's or month's value: by its code (same_period)
            groups.setdefault((row.indicator_id, row.region_id, row.year, row.period), []).append(row)
        if row.flag in (Flag.FINAL, Flag.EXPECTED):  # a full year's: any value that is not part-year
            groups.setdefault((row.indicator_id, row.region_id, row.year, ""), []).append(row)
    return {pk: next(iter(counted_values(groups[key]).values()), None) if key in groups else None
            for pk, key in wanted.items()}


def check_plausible(indicator: Indicator, region: Region, year: int, value: float, comment: str,
                    period: str = "") -> None:
    """A jump against last year's value needs a comment saying why. Like is compared with like: a full-year
    value with last year's full-year value, a quarter's or month's with the same period a year earlier."""
    parsed = parse_period(period)
    last = last_value(indicator, region, year, period)
    if last is not None and last.value and abs(value - last.value) / abs(last.value) > JUMP_RATIO and not comment:
        numbers = {"value": f"{value:g}", "last": f"{last.value:g}", "ratio": f"{JUMP_RATIO:.0%}"}
        if parsed:
            raise WorkflowError(gettext("%(period)s数值%(value)s比上年同期%(last)s变化超过%(ratio)s，请在说明中写明原因")
                                % {"period": period_name(*parsed, gettext), **numbers})
        raise WorkflowError(gettext("%(year)s年数值%(value)s比上年%(last)s变化超过%(ratio)s，请在说明中写明原因")
                            % {"year": year, **numbers})


def held_elsewhere(indicator: Indicator, region: Region, year: int, period: str = "", source: str | None = "",
                   lock: bool = False) -> Observation | None:
    """一数一报: the reported value of ``indicator``'s confirmed 指标库 entry for this region, year, period and source
    entered under another indicator (another plan's, usually), if any — the one figure the entry holds, so that
    :func:`save_value` does not create a second one (the entry's rule like the unique constraint of one indicator's
    values). ``lock`` takes the entry's row first, inside the caller's transaction: two people entering the same
    figure for two plans at once are served one after the other, and the second is refused. ``source`` None: any
    source (what the entry form shows). The period is matched as :func:`same_period` matches it: a full year's
    figure is any value that is not part-year, whatever its period text (an imported ``全年``, or none) — so an
    imported full-year value held under ``indicator`` itself with another period text counts too; only the one
    with exactly this period (the value the caller edits) does not."""
    if indicator.entry_id is None:
        return None
    if lock and not IndicatorEntry.objects.select_for_update().filter(pk=indicator.entry_id, confirmed=True).exists():
        return None
    found = Observation.objects.filter(indicator__entry_id=indicator.entry_id, indicator__entry__confirmed=True,
                                       region=region, simulated=False, **same_period(year, period)).exclude(
        indicator=indicator, period=period)
    found = found if source is None else found.filter(source=source)
    return found.select_related("indicator__plan").order_by("id").first()


@transaction.atomic
def save_value(user: Any, indicator: Indicator, region: Region, year: int, value: float, comment: str = "",
               version: int | None = None, source: str = "", period: str = "") -> Observation:
    """Enter or change a value (草稿). ``version`` is the version the form was opened with. ``period`` is
    "" for a full year, or a quarterly or monthly round's period (``2026Q1``, ``2026-03``): such a value is
    stored flagged 部分年度 with its period, and never stands for the full year.

    ``version`` None or 0 means the form was opened when there was no value yet (the entry form, or an API call
    without a version): it creates the value, and is refused with :class:`StaleVersion` when one exists by then,
    so that nobody overwrites a value they have not seen. ``region`` must be the plan's region or one below it.
    A figure of a confirmed 指标库 entry already entered under another plan's indicator (same region, year, period
    and source: :func:`held_elsewhere`) is refused, naming where it is held: one figure, one entry (一数一报)."""
    require_report(user, indicator)
    if not math.isfinite(value):  # float("nan"), float("inf") and float("1e309") are floats, but no value
        raise WorkflowError(gettext("数值必须是有限的数字（不能是 nan、inf 或超出范围的数），未保存"))
    bounded(comment, COMMENT_MAX, gettext("说明"))
    bounded(source, column_max(Observation, "source"), gettext("来源"))
    plan = indicator.plan
    if not plan.covers(region):
        raise WorkflowError(gettext("地区“%(region)s”不在本规划的范围内（%(plan_region)s及其下级地区）") % {
            "region": region.name, "plan_region": plan.region.name})
    if plan.base_year and plan.end_year and not plan.base_year <= year <= plan.end_year:
        raise WorkflowError(gettext("年份 %(year)s 不在规划期 %(start)s—%(end)s 年内") % {
            "year": year, "start": plan.base_year, "end": plan.end_year})
    parsed = parse_period(period)
    if period and parsed is None:
        raise WorkflowError(gettext("期间“%(period)s”无法识别：季度写作%(year)sQ1，月度写作%(year)s-03，全年不填") % {
            "period": period, "year": year})
    if parsed and parsed[0] != year:
        raise WorkflowError(gettext("期间%(period)s不属于%(year)s年") % {"period": period, "year": year})
    check_round_open(user, plan, year, period)
    check_plausible(indicator, region, year, value, comment, period)
    obs = Observation.objects.select_for_update().filter(indicator=indicator, region=region, year=year,
                                                         period=period, source=source).first()
    if obs is None and (held := held_elsewhere(indicator, region, year, period, source, lock=True)) is not None:
        raise WorkflowError(gettext("该数据已在《%(plan)s》第%(no)s项“%(name)s”中填报（%(value)s，%(status)s）："
                                    "同一指标库条目的数据只填报一次，请在那里修改（未保存）") % {
            "plan": held.indicator.plan.title, "no": held.indicator.display_no, "name": held.indicator.name,
            "value": f"{held.value:g}{held.indicator.unit}", "status": pgettext("status", held.get_status_display())})
    if obs is None:
        try:
            with transaction.atomic():  # a savepoint: another person creating the same value at once wins
                obs = Observation.objects.create(indicator=indicator, region=region, year=year, value=value,
                                                 comment=comment, source=source, period=period,
                                                 flag=Flag.PARTIAL if period else Flag.FINAL)
        except IntegrityError as exc:
            raise StaleVersion(gettext("该数值已有人填报，请刷新页面后在“已填报”中修改（未保存您的修改）")) from exc
        _event(obs, user, "create", "", None, comment)
        return obs
    if obs.status not in EDITABLE:
        raise WorkflowError(gettext("该数值处于“%(status)s”状态，不能修改；如需修改请联系管理员退回") % {
            "status": pgettext("status", obs.get_status_display())})
    if not version:
        raise StaleVersion(gettext("该数值已有人填报，请刷新页面后在“已填报”中修改（未保存您的修改）"))
    if version != obs.version:
        raise StaleVersion(gettext("该数值已被他人修改，请刷新页面后再保存（未保存您的修改）"))
    old = obs.value
    obs.value, obs.comment, obs.version = value, comment, obs.version + 1
    obs.save(update_fields=["value", "comment", "version", "updated_at"])
    _event(obs, user, "edit", obs.status, old, comment)
    return obs


@transaction.atomic
def transition(user: Any, observation_id: int, to_status: str, reason: str = "") -> Observation:
    """Move a value along the pipeline; refuses illegal moves and writes a history row."""
    if to_status not in Status.values:
        raise WorkflowError(gettext("未知的状态：%(status)s") % {"status": to_status})
    # lock the observation row only: FOR UPDATE over the join would also lock the indicator row, which every
    # concurrent insert of a value of that indicator must KEY SHARE for its foreign key — a deadlock on PostgreSQL
    obs = Observation.objects.select_for_update(of=("self",)).select_related("indicator").get(pk=observation_id)
    who = next((w for moves in PIPELINE.values() for target, w in moves.items() if target == to_status), None)
    # permission first, from the target alone: someone who may not make this move learns nothing of the state
    require(who is not None and (can_report(user, obs.indicator) if who == Role.REPORTER else can_review(user)))
    if to_status not in PIPELINE.get(obs.status, {}):
        raise WorkflowError(gettext("不能从“%(old)s”变为“%(new)s”") % {
            "old": pgettext("status", obs.get_status_display()), "new": pgettext("status", Status(to_status).label)})
    if to_status == Status.SUBMITTED:
        check_round_open(user, obs.indicator.plan, obs.year, obs.period)
    if to_status == Status.RETURNED and not reason.strip():
        raise WorkflowError(gettext("退回时必须写明理由"))
    bounded(reason, COMMENT_MAX, gettext("理由"))
    old_status = obs.status
    obs.status = to_status
    obs.version += 1
    obs.save(update_fields=["status", "version", "updated_at"])
    _event(obs, user, {"submitted": "submit", "approved": "approve", "returned": "return",
                       "published": "publish"}[to_status], old_status, obs.value, reason)
    return obs


# finite values only: ±infinity lies outside, and PostgreSQL orders NaN above every number (SQLite cannot store it).
# A range, not "NOT IN (inf, -inf, NaN)": SQLite binds NaN as NULL, and NOT IN with a NULL matches no row at all.
FINITE = {"value__gte": -sys.float_info.max, "value__lte": sys.float_info.max}


def visible_observations(plan: Plan, public: bool) -> QuerySet[Observation]:
    """The values pages, reports, the API and the exports show: published ones for the public, all but returned
    ones for staff; never a NaN or infinity (never saved now, but an older version may have left one), which
    counts as not reported.

    一数多用: the values entered for another plan's indicator of the same confirmed 指标库 entry (plans.library)
    are this plan's candidates too. Each row carries ``plan_no``, the number of this plan's indicator it counts
    for (its own indicator's number for the plan's own values): every reader groups and filters by it, and the
    one series picker (core.series) chooses among all candidates. Observations never move between plans."""
    shared: dict[int, int] = {}
    for entry, no in plan.indicators.filter(entry__confirmed=True).order_by("no").values_list("entry_id", "no"):
        shared.setdefault(entry, no)
    if shared:  # another plan's values, of the regions this plan covers (its region and those below it)
        regions = list(region_subtree(plan.region)[0])
        qs = Observation.objects.filter(Q(indicator__plan=plan) | Q(indicator__entry_id__in=list(shared),
                                                                    region_id__in=regions))
        qs = qs.annotate(plan_no=Case(When(indicator__plan=plan, then=F("indicator__no")),
                                      *(When(indicator__entry_id=e, then=Value(no)) for e, no in shared.items()),
                                      output_field=PositiveSmallIntegerField()))
    else:
        qs = Observation.objects.filter(indicator__plan=plan).annotate(plan_no=F("indicator__no"))
    qs = qs.filter(**FINITE).select_related("indicator", "region")
    return qs.filter(status=Status.PUBLISHED) if public else qs.exclude(status=Status.RETURNED)


def core_indicators(plan: Plan, rows: Iterable[Indicator] | None = None) -> Iterable[Any]:
    """The stored indicators (``rows``, or the plan's) as core values, so that evaluation runs the same rules as the
    CLI."""
    from ...core.model import Indicator as CoreIndicator
    from ...core.targets import stored_target

    for ind in plan.indicators.all() if rows is None else rows:
        yield CoreIndicator(
            no=ind.no, category=ind.category, name=ind.name, unit=ind.unit, baseline_year=ind.baseline_year,
            baseline_value=ind.baseline_value, baseline_raw=ind.baseline_raw, target_year=ind.target_year,
            target=stored_target(ind.target_raw), growth=stored_target(ind.growth_raw, "年均增长"),
            attribute=ind.attribute or None, notes=tuple(ind.notes), label=ind.label,  # type: ignore[arg-type]
            baseline_cumulative=ind.baseline_cumulative)


def plan_specs_of(plan: Plan, as_of: int | None = None) -> list[Any]:
    """How each of the plan's indicators is judged (core.kinds), from the stored rows: the kind, direction and 左右
    tolerance stored with each indicator (inferred at import, editable in the admin) are the ones used; a row stored
    without them (or with a code the registry does not know) is inferred again, and without a tolerance gets the
    default (Settings.approx_tolerance, 5 %). With ``as_of``, each target is the one in force that year (a recorded
    目标调整, core.revisions); without, the plan's own."""
    from ..plans.revisions import core_revisions

    rows = list(plan.indicators.all())
    kinds = {i.no: i.kind for i in rows if i.kind in KINDS}
    directions = {i.no: i.direction for i in rows if i.direction in ("higher", "lower")}
    tolerances = {i.no: i.approx_tolerance for i in rows if i.approx_tolerance is not None}
    indicators = list(core_indicators(plan, rows))
    revisions = core_revisions(plan) if as_of is not None else []
    if revisions:
        return specs_in_force(indicators, plan.base_year or 0, plan.end_year or 0, revisions, as_of or 0,
                              kinds, directions, tolerances)  # type: ignore[arg-type]
    return plan_specs(indicators, plan.base_year or 0, plan.end_year or 0, kinds,
                      directions, tolerances)  # type: ignore[arg-type]


DEFAULT_SETTINGS = Settings()


def evaluate_plan(plan: Plan, as_of: int, public: bool, region: Region | None = None,
                  settings: Settings = DEFAULT_SETTINGS) -> tuple[list[Evaluation], bool]:
    """Evaluate what this audience may see (cached per data stamp). Returns the results and whether
    simulated values were used."""
    return cached("evaluation", plan, as_of, public, region.pk if region else 0, hash(settings),
                  compute=lambda: _evaluate_plan(plan, as_of, public, region, settings))


_FLAG_CODES = {Flag.FINAL: FINAL, Flag.EXPECTED: EXPECTED, Flag.PARTIAL: PARTIAL}


def _months(flag: str, period: str) -> int:
    """How far into its year a value reaches, for the choice between part-year values (0 for a full year)."""
    return months_into_year(period) if flag == Flag.PARTIAL else 0


def counted_values(rows: Iterable[Observation]) -> dict[tuple[int, str, int], Choice]:
    """The value that counts per (indicator number, region name, year) among ``rows`` (the audience's visible
    values, see :func:`visible_observations`), chosen by the one priority of core.series as the evaluation
    chooses: charts, tables and reports read these, never the first row of a year."""
    return choose([Candidate(getattr(o, "plan_no", o.indicator.no), o.region.name, o.year, o.value,
                             _FLAG_CODES.get(o.flag, FINAL),
                             o.period, _months(o.flag, o.period), o.source, o.simulated)
                   for o in sorted(rows, key=lambda o: o.pk)])


def counted_rows(rows: Iterable[Observation]) -> dict[int, Choice]:
    """The observations (by id) whose value counts, each with the choice that took it: the 历年数据 table marks
    them, so a reader sees which of a year's values the status and the chart use."""
    ordered = sorted(rows, key=lambda o: o.pk)
    return {ordered[c.position].pk: c for c in counted_values(ordered).values()}


def region_subtree(root: Region) -> tuple[dict[int, str], dict[str, str | None], dict[str, float]]:
    """The region and everything below it: names by id, each name's parent, and populations (the weights of
    weighted roll-ups). One query for the whole tree: a province's 3,000 counties are a few hundred kB."""
    rows = list(Region.objects.values_list("id", "name", "parent_id", "population"))
    children: dict[int | None, list[int]] = {}
    for pk, _name, parent, _pop in rows:
        children.setdefault(parent, []).append(pk)
    by_id = {pk: (name, parent, pop) for pk, name, parent, pop in rows}
    names: dict[int, str] = {}
    todo = [root.pk]
    while todo:
        pk = todo.pop()
        names[pk] = by_id[pk][0]
        todo.extend(children.get(pk, ()))
    parents = {names[pk]: (names[by_id[pk][1]] if pk != root.pk else None) for pk in names}  # type: ignore[index]
    weights = {names[pk]: float(by_id[pk][2]) for pk in names if by_id[pk][2] is not None}
    return names, parents, weights


def _evaluate_plan(plan: Plan, as_of: int, public: bool, region: Region | None,
                   settings: Settings) -> tuple[list[Evaluation], bool]:
    """Evaluate one region; a region with regions below it gets the values it lacks rolled up from them
    (core.rollup: sums, population-weighted means, or nothing, as each indicator declares), unless the admin
    said its regions in the platform are not all of it (``Region.subregions_complete``). The result is simulated
    when a value that counts is: one chosen for the region up to ``as_of``, or one a rolled-up value came from."""
    region = region or plan.region
    specs = plan_specs_of(plan, as_of)  # the targets in force in the year evaluated
    if not specs:  # a plan registered without a 表1-1 (many special plans): nothing to evaluate
        return [], False
    names, parents, weights = region_subtree(region)
    # every candidate, in the order entered; the one priority of core.series chooses the value that counts
    rows = visible_observations(plan, public).filter(region_id__in=list(names))  # the region and all below it
    columns = rows.order_by("id").values_list("plan_no", "year", "value", "region_id", "source", "flag",
                                              "simulated", "period")
    indicator, year, value, where, source, flag, months, fake = [], [], [], [], [], [], [], []
    region_index: dict[int, int] = {}
    source_index: dict[str, int] = {}
    for no, y, v, r, src, f, sim, p in columns.iterator(chunk_size=20000):
        months.append(_months(f, p))
        indicator.append(no)
        year.append(y)
        value.append(v)
        where.append(region_index.setdefault(r, len(region_index)))
        source.append(source_index.setdefault(src, len(source_index)))
        flag.append(_FLAG_CODES.get(f, FINAL))
        fake.append(sim)
    listed = [names[r] for r in region_index]
    seen = set(listed)  # a set: 3,000 counties looked up in a list of 3,000 cost 45 ms
    table = ObservationTable(
        np.array(indicator, dtype=np.int32), np.array(year, dtype=np.int32), np.array(where, dtype=np.int32),
        np.array(value, dtype=np.float64), np.array(flag, dtype=np.int8), np.array(source, dtype=np.int32),
        np.arange(len(value), dtype=np.int32), (*listed, *(n for n in names.values() if n not in seen)),
        tuple(source_index), months=np.array(months, dtype=np.int8), simulated=np.array(fake, dtype=bool))
    cube = build_cube(specs, table)
    marks = None
    if any(fake):  # which chosen values are simulated: the same choice (it never looks at the values) over the marks
        marked = np.where(np.isfinite(table.value), np.array(fake, dtype=np.float64), np.nan)
        marks = build_cube(specs, replace(table, value=marked)).values == 1.0
    if len(names) > 1:
        declared = dict(plan.indicators.exclude(aggregation="").values_list("no", "aggregation"))
        incomplete = Region.objects.filter(subregions_complete=False).values_list("name", flat=True)  # a handful
        cube, marks = rollup_marked(specs, cube, parents, weights or None, declared, set(incomplete), marks)
    counts = max(as_of - cube.base_year, 0) + 1  # the years the evaluation reads: the base year up to as_of
    simulated = marks is not None and bool(marks[:, cube.regions.index(region.name), :counts].any())
    return evaluations(specs, cube, evaluate_cube(specs, cube, as_of, settings), as_of, [region.name]), simulated


@transaction.atomic
def reopen_round(user: Any, round_id: int, until: Any) -> Any:
    require(can_review(user), gettext("只有发改局管理员可以重新开放填报"))
    round_ = ReportingRound.objects.select_for_update().get(pk=round_id)
    round_.reopened_until = until
    round_.save(update_fields=["reopened_until"])
    return round_


# frequency → (the refusal of a number out of range, the largest number)
ROUND_PERIODS = {Frequency.QUARTERLY: (gettext_noop("季度应为1—%(most)s，不能是%(number)s"), 4),
                 Frequency.MONTHLY: (gettext_noop("月份应为1—%(most)s，不能是%(number)s"), 12)}


@transaction.atomic
def create_round(user: Any, plan: Plan, year: int, frequency: str, number: int, deadline: Any) -> ReportingRound:
    """Open a 填报轮次 for a year, a quarter (``number`` 1–4) or a month (1–12) of ``year``. The deadline
    must fall after the period's last day: values are reported for a period that has ended."""
    require(can_review(user), gettext("只有发改局管理员可以设置填报轮次"))
    if frequency not in Frequency.values:
        raise WorkflowError(gettext("未知的填报频度：%(frequency)s") % {"frequency": frequency})
    if frequency == Frequency.ANNUAL:
        number = 0
    elif not 1 <= number <= ROUND_PERIODS[frequency][1]:
        refusal, most = ROUND_PERIODS[frequency]
        raise WorkflowError(gettext(refusal) % {"most": most, "number": number})
    if plan.base_year and plan.end_year and not plan.base_year <= year <= plan.end_year:
        raise WorkflowError(gettext("数据年份 %(year)s 不在规划期 %(start)s—%(end)s 年内") % {
            "year": year, "start": plan.base_year, "end": plan.end_year})
    name = period_name(year, frequency, number)
    ends = period_end(year, frequency, number)
    if deadline <= ends:
        raise WorkflowError(gettext("截止日期%(deadline)s不晚于%(period)s的最后一天（%(end)s）："
                                    "数据在期末之后才能报送，请把截止日期定在期末之后") % {
            "deadline": f"{deadline:%Y-%m-%d}", "period": period_name(year, frequency, number, gettext),
            "end": f"{ends:%Y-%m-%d}"})
    taken = gettext("《%(plan)s》%(period)s的填报轮次已经存在；如需延长填报，请使用“重新开放”") % {
        "plan": plan.title, "period": period_name(year, frequency, number, gettext)}
    if ReportingRound.objects.filter(plan=plan, year=year, frequency=frequency, period=number).exists():
        raise WorkflowError(taken)
    try:
        with transaction.atomic():  # two admins at once: the unique constraint decides, with the same message
            return ReportingRound.objects.create(plan=plan, year=year, frequency=frequency, period=number,
                                                 name=f"{name}数据填报", deadline=deadline)
    except IntegrityError as exc:
        raise WorkflowError(taken) from exc


def target_paths(plan: Plan) -> dict[int, dict[int, float | None]]:
    """Indicator number → its yearly target path (年度目标分解, core.decompose), cached until the plan's data change."""
    from ...core.decompose import decompose

    return cached("paths", plan, compute=lambda: {row.no: row.values for row in decompose(plan_specs_of(plan))})


def open_rounds(plan: Plan | None = None, today: Any = None) -> list[ReportingRound]:
    """The rounds open today (until their deadline, or the admin's reopening), the nearest closing first."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rows = ReportingRound.objects.select_related("plan").filter(plan__in=Plan.objects.in_use())
    if plan is not None:
        rows = rows.filter(plan=plan)
    return sorted((r for r in rows if r.open_until() >= today), key=lambda r: (r.open_until(), r.pk))


def round_values(round_: ReportingRound) -> QuerySet[Observation]:
    """The reported (not simulated) values a round collects: its plan's region, its year and period — those entered
    for its plan's indicators and, one figure one entry (一数一报), those entered under any plan's indicator of a
    confirmed 指标库 entry the plan carries. :func:`round_answers` says which of the plan's indicators each one
    answers."""
    plan = round_.plan
    shared = plan.indicators.filter(entry__confirmed=True).values("entry_id")  # a subquery: one round trip
    return Observation.objects.filter(Q(indicator__plan=plan) | Q(indicator__entry_id__in=shared), region=plan.region,
                                      simulated=False, **same_period(round_.year, round_.code))


def round_answers(round_: ReportingRound) -> dict[int, list[Observation]]:
    """The round's plan's indicator id → the values of the round that answer it, its own first, then those
    entered under another indicator of the same confirmed entry (another plan's, usually), each group in the
    order entered. An indicator of an unconfirmed entry is answered by its own values only: the admin has not yet
    decided the two measure the same. Indicators without any value are absent."""
    plan = round_.plan
    by_entry: dict[int, list[int]] = {}
    for pk, entry in plan.indicators.filter(entry__confirmed=True).values_list("pk", "entry_id"):
        by_entry.setdefault(entry, []).append(pk)
    own: dict[int, list[Observation]] = {}
    other: dict[int, list[Observation]] = {}
    for obs in round_values(round_).select_related("indicator__plan").order_by("id"):
        if obs.indicator.plan_id == plan.pk:
            own.setdefault(obs.indicator_id, []).append(obs)
        for pk in by_entry.get(obs.indicator.entry_id or 0, ()):
            if pk != obs.indicator_id:
                other.setdefault(pk, []).append(obs)
    return {pk: own.get(pk, []) + other.get(pk, []) for pk in {*own, *other}}


# how far a value has come, in the order of the pipeline: each count includes the later ones
ENTERED = tuple(Status.values)
SUBMITTED = (Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED)
APPROVED = (Status.APPROVED, Status.PUBLISHED)


def completeness(round_: ReportingRound) -> list[dict[str, Any]]:
    """Who has reported what in a round: per lead unit, the values expected (its indicators), entered (any
    state), submitted (submitted or later) and approved (approved or published); indicators without a lead unit
    form a row of their own (未指定), as they are expected from nobody. A value of a confirmed entry entered for
    another plan counts here too (:func:`round_answers`): the department reported it once."""
    leads = dict(round_.plan.indicators.values_list("pk", "lead__name"))
    order = {s: i for i, s in enumerate((Status.RETURNED, Status.DRAFT, *SUBMITTED))}
    # indicator → the furthest state among the values answering it (several sources, or plans, may exist)
    best = {ind: max(order[o.status] for o in found) for ind, found in round_answers(round_).items()}
    rows: dict[str, dict[str, Any]] = {}
    for ind, lead in leads.items():
        row = rows.setdefault(lead or "", {"department": lead or "", "expected": 0, "entered": 0, "submitted": 0,
                                           "approved": 0})
        row["expected"] += 1
        if ind in best:
            row["entered"] += 1
            row["submitted"] += best[ind] >= order[Status.SUBMITTED]
            row["approved"] += best[ind] >= order[Status.APPROVED]
    for row in rows.values():
        row["missing"] = row["expected"] - row["entered"]
    return sorted(rows.values(), key=lambda r: (not r["department"], r["approved"] / r["expected"],
                                                r["department"]))


def missing_values(round_: ReportingRound, indicators: Iterable[Indicator]) -> list[Indicator]:
    """Of ``indicators`` (the reporter's), those without a value in the round yet (a returned value counts as
    entered: it is shown with the reviewer's reason instead). A value of the same confirmed entry entered under
    any plan's indicator, for the round's region and period, counts as entered (:func:`round_answers`)."""
    entered = set(round_answers(round_))
    return [i for i in indicators if i.plan_id == round_.plan_id and i.pk not in entered]


@dataclass(frozen=True)
class Ask:
    """One figure a person is asked for (一数一报): an indicator missing in one round, or a confirmed 指标库 entry
    missing in several open rounds of the same region and period (the master plan, a special plan, the next
    period's plan), asked once. Entered once under ``indicator`` (of ``round``, the first asking), it answers every
    one of ``uses``."""

    round: ReportingRound
    indicator: Indicator
    uses: tuple[tuple[ReportingRound, Indicator], ...]

    @property
    def plans(self) -> list[Plan]:
        """The plans asking, in the order of ``uses``, each once."""
        seen: dict[int, Plan] = {}
        for r, _ in self.uses:
            seen.setdefault(r.plan_id, r.plan)
        return list(seen.values())

    @property
    def shared(self) -> bool:
        return len(self.plans) > 1


def asks(missing: Iterable[tuple[ReportingRound, list[Indicator]]], first_plan: Plan | None = None) -> list[Ask]:
    """The figures asked by ``missing`` ((round, its missing indicators), the rounds in the order they are shown),
    each once: the indicators of one confirmed entry asked by rounds of the same region, year and period become
    one :class:`Ask`, entered under the indicator of ``first_plan`` when it is among them, else the first round's.
    Unconfirmed entries stay one ask per round and indicator. The indicators come with their entry
    (``select_related("entry")``), else each costs a query."""
    groups: dict[tuple[Any, ...], list[tuple[ReportingRound, Indicator]]] = {}
    for r, found in missing:
        for i in found:  # the entry is read with the indicator (select_related) by every caller
            key = ((r.plan.region_id, r.year, r.frequency, r.period, i.entry_id)
                   if i.entry_id is not None and i.entry.confirmed else (r.pk, i.pk))  # type: ignore[union-attr]
            groups.setdefault(key, []).append((r, i))
    out = []
    for uses in groups.values():
        r, i = next(((r, i) for r, i in uses if first_plan is not None and r.plan_id == first_plan.pk), uses[0])
        out.append(Ask(r, i, tuple(uses)))
    return out


def returned_values(observations: QuerySet[Observation]) -> list[tuple[Observation, ObservationEvent | None]]:
    """The returned values among ``observations``, each with the history row that returned it (the reviewer,
    the time and the reason typed): the latest 退回 move of each."""
    rows = list(observations.filter(status=Status.RETURNED).select_related("indicator__plan", "region"))
    last: dict[int, ObservationEvent] = {}
    for event in ObservationEvent.objects.filter(observation__in=rows, action="return").select_related(
            "actor").order_by("at", "id"):
        last[event.observation_id] = event
    return [(o, last.get(o.pk)) for o in rows]


REMIND_DAYS = 7  # the banner and `manage.py send_reminders` warn this many days before a deadline by default


def reminders(user: Any, rounds: Iterable[ReportingRound], days: int = REMIND_DAYS, today: Any = None,
              known: dict[int, list[Indicator]] | None = None) -> list[tuple[ReportingRound, int, list[Indicator]]]:
    """The rounds closing within ``days`` in which this user still has values to enter: (round, days left,
    the indicators missing; ``known``: those the caller has found already, by round id, as :func:`missing_values`
    finds them). A figure of a confirmed entry entered for any plan is not missing in any; :func:`asks` lists a
    figure several rounds still ask for once."""
    from django.utils import timezone

    from ..accounts.permissions import reportable

    today = today or timezone.localdate()
    out = []
    for r in rounds:
        left = (r.open_until() - today).days
        if 0 <= left <= days:
            missing = known[r.pk] if known is not None and r.pk in known else missing_values(
                r, reportable(user, r.plan.indicators.select_related("entry").order_by("no")))
            if missing:
                out.append((r, left, missing))
    return out


class BulkRefused(WorkflowError):
    """A bulk move refused as a whole: ``refusals`` lists (observation id, reason); nothing was moved."""

    def __init__(self, refusals: list[tuple[int, str]]) -> None:
        self.refusals = refusals
        super().__init__(gettext("%(n)d条数据不能处理，全部未处理：%(first)s") % {
            "n": len(refusals), "first": "；".join(r for _, r in refusals[:5])})


def bulk_transition(user: Any, observation_ids: Iterable[int], to_status: str, reason: str = "") -> list[Observation]:
    """Move several values at once, all or nothing: each through :func:`transition` (its permission, its pipeline
    check and its history row); one refusal rolls every move back and :class:`BulkRefused` names each refused
    value."""
    ids = sorted(set(observation_ids))
    if not ids:
        raise WorkflowError(gettext("请先勾选要处理的数据"))
    done: list[Observation] = []
    refusals: list[tuple[int, str]] = []
    with transaction.atomic():
        for pk in ids:
            try:
                done.append(transition(user, pk, to_status, reason))  # a savepoint each: a refusal undoes its own
            except Observation.DoesNotExist:
                refusals.append((pk, gettext("第%(id)s号数据不存在") % {"id": pk}))
            except ValidationError as exc:
                refusals.append((pk, " ".join(exc.messages)))
        if refusals:
            raise BulkRefused(refusals)
    return done
