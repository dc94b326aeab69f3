"""Monitoring pages: 总览 and 公众门户 (the evaluation of a plan in a region), an indicator's history, 填报, 审核
and 填报轮次. Each view reads through monitoring.services or the core and checks permissions in
accounts.permissions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from ...core.evaluation import LAGGING, evaluation_mode
from ...core.serialize import finite
from ...core.statuses import STATUSES
from ...exports import table_xlsx
from ..accounts.models import Region
from ..accounts.permissions import can_report, can_review, can_view_unpublished, get_object_for_user, reportable
from ..cache import cache_key, cached, loaded_fresh
from ..params import Scope, as_int, as_number, requested_plan, scope
from ..plans.models import Indicator, Plan, PlanStatus
from ..responses import back, denied, wants_xlsx, xlsx
from . import tables
from .annual import annual_rows
from .models import Frequency, Observation, ReportingRound, Status, parse_period
from .services import (
    REMIND_DAYS,
    BulkRefused,
    StaleVersion,
    asks,
    bulk_transition,
    completeness,
    counted_rows,
    counted_values,
    create_round,
    evaluate_plan,
    held_elsewhere,
    last_value,
    last_values,
    missing_values,
    open_rounds,
    reminders,
    reopen_round,
    returned_values,
    save_value,
    target_paths,
    transition,
    visible_observations,
)


def _region_context(plan: Plan, region: Region) -> dict[str, Any]:
    """Where the region sits (上级 path down from the plan's region) and what lies below it, for the switcher."""
    path = getattr(region, "path", [])
    cut = next((i for i, r in enumerate(path) if r.pk == plan.region_id), 0)
    return {"region": region, "region_path": path[cut:],
            # lazy: a page served from its cached fragment never runs this query
            "region_children": Region.objects.filter(parent=region).only("id", "name").order_by("id")}


def _summary(asked: Scope, public: bool) -> dict[str, Any]:
    """Everything the overview shows that depends only on the data: cached per data stamp (the page's body
    too, as a template fragment keyed by ``stamp``)."""
    plan, region, as_of = asked.plan, asked.region, asked.as_of
    parts = (as_of, public, region.pk)
    summary = cached("summary", plan, *parts, compute=lambda: _compute_summary(plan, as_of, public, region),
                     shared=True)  # read only, by the page and its export
    return {**summary, "stamp": cache_key("summary", plan, *parts), "plan": plan, **_region_context(plan, region)}


def _compute_summary(plan: Plan, as_of: int, public: bool, region: Region) -> dict[str, Any]:
    results, simulated = evaluate_plan(plan, as_of, public, region)
    counts = Counter(e.status for e in results)
    indicators = list(plan.indicators.select_related("lead"))
    leads = {i.no: i.lead for i in indicators}
    lagging = [e for e in results if e.status in LAGGING]
    by_department = Counter(leads.get(e.no) or "未指定" for e in lagging)
    return {"plan": plan, "as_of": as_of, "mode": evaluation_mode(as_of, plan.base_year or 0, plan.end_year or 0),
            "results": results, "simulated": simulated, "leads": leads,
            "labels": {i.no: i.display_no for i in indicators},  # the 序号 as printed (10.1)
            "counts": [(status, counts[code]) for code, status in STATUSES.items() if counts[code]],
            "binding_lagging": [e for e in lagging if e.binding], "by_department": by_department.most_common(),
            "years": list(range((plan.base_year or 2020) + 1, (plan.end_year or 2025) + 1))}


def _status_xlsx(summary: dict[str, Any], public: bool) -> HttpResponse:
    """导出Excel of the 主要指标 table: the summary the page shows (published values only for the portal)."""
    plan, region, as_of = summary["plan"], summary["region"], summary["as_of"]
    name = gettext("公众门户") if public else gettext("主要指标")
    text = tables.caption(plan.title, region.name, f"{as_of}年", name, simulated=bool(summary["simulated"]))
    return xlsx(table_xlsx(name, *tables.status_rows(summary), caption=text), f"{name}-{plan.title}-{as_of}.xlsx")


def public(request: HttpRequest) -> HttpResponse:
    """公众门户: published data only, no login."""
    summary = _summary(scope(request), True)
    if wants_xlsx(request):
        return _status_xlsx(summary, True)
    return render(request, "web/public.html", summary)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    summary = _summary(scope(request), False)
    if wants_xlsx(request):
        return _status_xlsx(summary, False)
    return render(request, "web/overview.html", summary)


def indicator(request: HttpRequest, plan: int, no: int) -> HttpResponse:
    ind = get_object_or_404(Indicator.objects.select_related("plan__region", "lead"), plan_id=plan, no=no,
                            plan__status=PlanStatus.CONFIRMED)
    plan = loaded_fresh(ind.plan)  # type: ignore[assignment]
    see_all = can_view_unpublished(request.user)
    asked = scope(request, plan)
    as_of, region = asked.as_of, asked.region
    # lazy like the rest: finding the 指标库 entries the plan shares is a query, not needed on a cached page
    rows = cache(lambda: visible_observations(plan, public=not see_all).filter(plan_no=ind.no, region=region).order_by(
        "year", "simulated", "id"))
    parts = (ind.no, see_all, region.pk)
    stamp = cache_key("indicator", plan, *parts)
    # called only when the template renders them: the page body is a cached fragment keyed by the stamp,
    # and on a hit none of them is needed (templates call a callable to get its value)
    evaluated = cache(lambda: evaluate_plan(plan, as_of, not see_all, region))
    chart = cache(lambda: cached("chart", plan, *parts, compute=lambda: _chart(ind, plan, rows(), not see_all, region)))
    counted = cache(lambda: counted_rows(rows()))  # which of a year's values the status and the chart use
    if wants_xlsx(request):  # 历年数据: the rows the page lists (published only for the public)
        listed = list(rows())
        text = tables.caption(plan.title, region.name, f"{as_of}年", f"{ind.display_no}. {ind.name}",
                              simulated=any(o.simulated for o in listed))
        return xlsx(table_xlsx(gettext("历年数据"), *tables.history_rows(ind, [
            (o, counted().get(o.pk)) for o in listed]), caption=text), f"{ind.name}-历年数据.xlsx")
    mine = Observation.objects.filter(indicator=ind, region=region).prefetch_related(
        "events__actor") if see_all else []
    return render(request, "web/indicator.html", {
        "ind": ind, "plan": plan, "rows": lambda: [(o, counted().get(o.pk)) for o in rows()], "chart": chart, "as_of": as_of, "stamp": stamp,
        "result": lambda: next(e for e in evaluated()[0] if e.no == ind.no),
        "simulated": lambda: evaluated()[1] or chart()["simulated"],
        **_region_context(plan, region), "observations": mine, "see_all": see_all,
        "may_report": can_report(request.user, ind), "may_review": can_review(request.user),
        "annual": lambda: annual_rows(plan, ind, region, not see_all, rows())})  # 年度目标 beside the five-year path


def _chart(ind: Indicator, plan: Plan, rows: Any, public: bool, region: Region) -> dict[str, Any]:
    """The target path and the actual values of one indicator in one region (cached by the caller).

    Where the status is judged on a period figure (a growth rate's compound average, a five-year total), the
    chart also draws that figure as the evaluation gives it as of each year: the line at the page's year is the
    status's own number, not a second computation of it."""
    path = _target_path(plan, ind.no)
    years = range(plan.base_year or 2020, (plan.end_year or 2025) + 1)
    # the value that counts in each year, chosen as the evaluation chooses (core.series)
    actual = {year: c.value for (_, _, year), c in counted_values(rows).items()}
    period: list[float | None] = [None]  # the base year has no period figure
    label = ""
    for year in years[1:]:
        found = next((e for e in evaluate_plan(plan, year, public, region)[0] if e.no == ind.no), None)
        period.append(found.period_value if found is not None and year in actual else None)
        label = label or (found.period_label if found is not None else "")
    before = _previous_period(plan, actual)  # 十五五 continuing a 十四五 measure: the series runs 2020–2030
    drawn = [*before, *years]
    # finite(): the page's JSON is read by JSON.parse, which refuses NaN and Infinity
    return finite({"years": [str(y) for y in drawn], "unit": ind.unit, "name": ind.name,  # type: ignore[no-any-return]
                   "target": [None] * len(before) + [ind.baseline_value] + [path.get(y) for y in years[1:]],
                   "actual": [actual.get(y) for y in drawn],
                   "period": [None] * len(before) + period if any(v is not None for v in period) else [],
                   "previous_period": [str(before[0]), str(years[0])] if before else [],  # shaded on the chart
                   "period_label": gettext(label) if label else "",  # the cache key holds the language
                   "simulated": any(o.simulated for o in rows)})


def _previous_period(plan: Plan, actual: dict[int, float]) -> range:
    """The years of the plan this one succeeds that have a value of this indicator (plan.succeeds; the values
    come through the shared 指标库 entry): drawn before the plan's own years, with no target of this plan."""
    if not plan.succeeds_id:
        return range(0)
    base = plan.base_year or 2020
    start = plan.succeeds.base_year or base  # type: ignore[union-attr]
    earlier = [y for y in actual if start <= y < base]
    return range(min(earlier), base) if earlier else range(0)


def _target_path(plan: Plan, no: int) -> dict[int, float | None]:
    """The indicator's yearly target path (年度目标分解), cached until the plan's data change."""
    return target_paths(plan).get(no, {})


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """填报: the reporter's own items (the admin sees all)."""
    return _report_page(request, requested_plan(request))


def _report_page(request: HttpRequest, plan: Plan, status: int = 200, form: Any = None) -> HttpResponse:
    """The reporter's home (填报员首页) and entry form: the open rounds with their deadlines and days left, a
    reminder before a deadline, what is still missing, the values returned with the reviewer's reason, the
    department's ledger items in the red, then the entry form (opened on no value: version 0; after a refusal,
    again with what was typed and the status of the refusal; else on the open round's period, or on what a
    "填报" link asks) with the chosen indicator's target and last value, and the values entered, each draft with
    its own edit form carrying its version."""
    from django.conf import settings

    user = request.user
    today = timezone.localdate()
    indicators = reportable(user, plan.indicators.select_related("lead", "entry").order_by("no"))
    mine = _entered(user, plan, indicators)
    returned = returned_values(mine)
    why = {o.pk: event for o, event in returned}
    entries = list(mine.select_related("indicator__plan", "region").order_by("indicator__no", "year", "period",
                                                                             "indicator__plan_id"))
    for o in entries:
        o.return_event = why.get(o.pk)  # type: ignore[attr-defined]
    periods = plan.rounds.exclude(frequency=Frequency.ANNUAL).order_by("year", "frequency", "period")
    listed = list(indicators)
    open_now, missing = _my_rounds(user, plan, listed, today)
    days = getattr(settings, "PLANWATCH_REMIND_DAYS", REMIND_DAYS)
    if form is None:  # a 填报 link (?indicator=…&year=…&period=…), else the open round closing first
        first = open_now[0] if open_now else None
        form = {"indicator": request.GET.get("indicator", ""),
                "year": request.GET.get("year", str(first.year) if first else ""),
                "period": request.GET.get("period", first.code if first else "")}
    chosen = next((i for i in listed if str(i.pk) == form.get("indicator")), listed[0] if listed else None)
    context: dict[str, Any] = {}
    chosen_year = as_int(form.get("year") or "")
    if parsed := parse_period(form.get("period", "")):
        chosen_year = parsed[0]
    if chosen is not None and chosen_year:
        last = last_value(chosen, plan.region, chosen_year, form.get("period", ""))
        context = {"indicator": chosen, "year": chosen_year, "last": last,
                   "target": None if parsed else target_paths(plan).get(chosen.no, {}).get(chosen_year),
                   # 一数一报: the figure already entered for another plan's indicator of the same confirmed entry
                   "held": held_elsewhere(chosen, plan.region, chosen_year, form.get("period", ""), None)}
    return render(request, "web/report.html", {
        "plan": plan, "indicators": indicators, "entries": entries, "periods": periods,
        "years": range((plan.base_year or 2020) + 1, (plan.end_year or 2025) + 1),
        "may_review": can_review(user), "form": form, "chosen": context, "today": today,
        "open_rounds": [(r, (r.open_until() - today).days, len(m)) for r, m in missing],
        "missing": asks(missing, plan), "returned": returned,
        # the banner is for the lead units' reporters; the admin follows every department on the review page
        "reminders": [] if can_review(user) else reminders(user, open_now, days, today, {r.pk: m for r, m in missing}),
        "overdue": _red_items(user, plan)}, status=status)


def _entered(user: Any, plan: Plan, indicators: QuerySet[Indicator]) -> QuerySet[Observation]:
    """The values the home lists (已填报, 被退回) for ``plan``: those of ``indicators`` (the user's in the plan)
    and, one figure one entry (一数一报), those of the plan's region entered under another plan's indicator of a
    confirmed 指标库 entry among them that the user may report too (as a round counts them: services.round_values)
    — so the one figure shows whichever of the plans carrying it is chosen, under the indicator it is held under."""
    shared = indicators.filter(entry__confirmed=True).values("entry_id")
    elsewhere = reportable(user, Indicator.objects.filter(entry_id__in=shared).exclude(plan=plan))
    return Observation.objects.filter(Q(indicator__in=indicators) | Q(indicator__in=elsewhere, region=plan.region),
                                      simulated=False)


def _my_rounds(user: Any, plan: Plan, listed: list[Indicator],
               today: Any) -> tuple[list[ReportingRound], list[tuple[ReportingRound, list[Indicator]]]]:
    """The open rounds of the home, with what is missing in each: a reporter's department is asked in every plan
    it leads indicators of (the master plan, its special plans, the next period's), so a reporter sees the open
    rounds of all of them, this plan's first; the admin, who may report everything, the chosen plan's. The
    missing list shows a figure of a confirmed entry asked by several of them once (services.asks)."""
    if can_review(user):
        mine = open_rounds(plan, today)
    else:
        every = open_rounds(today=today)
        mine, others = [r for r in every if r.plan_id == plan.pk], [r for r in every if r.plan_id != plan.pk]
        asked = set(reportable(user, Indicator.objects.filter(plan__in={r.plan_id for r in others})).values_list(
            "plan_id", flat=True).distinct()) if others else set()
        mine += [r for r in others if r.plan_id in asked]
    found = {p.pk: list(reportable(user, p.indicators.select_related("lead", "entry").order_by("no")))
             for p in {r.plan for r in mine if r.plan_id != plan.pk}}
    found[plan.pk] = listed
    return mine, [(r, missing_values(r, found[r.plan_id])) for r in mine]


def _red_items(user: Any, plan: Plan) -> list[tuple[Any, str]]:
    """The ledger items led by the user's department whose light is red (overdue or far behind), with their
    ledger's URL part, as the ledgers judge them (ledgers.services.assessments)."""
    from ..accounts.permissions import department_of
    from ..ledgers.models import KINDS, ledger_of
    from ..ledgers.services import assessments

    department = department_of(user)
    if department is None:
        return []
    found, _simulated = assessments(plan, [department])
    key = {book.field: kind for kind, book in KINDS.items()}
    return [(item, key[ledger_of(item).field]) for a in found for item, light in a.items if light == "red"]


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save a draft from the entry form or a row's edit form. Permission first, then the fields; a refusal
    shows the form again with the reason (400, or 409 for a stale version) and writes nothing."""
    try:
        ind = get_object_for_user(request, Indicator, as_int(request.POST.get("indicator")) or 0, write=True,
                                  queryset=Indicator.objects.select_related("plan", "lead"))
    except PermissionDenied as exc:
        return denied(request, str(exc))

    def refuse(message: str, status: int = 400) -> HttpResponse:
        messages.error(request, message)
        return _report_page(request, ind.plan, status, request.POST)

    region = get_object_or_404(Region, pk=as_int(request.POST.get("region")) or ind.plan.region_id)
    year, value = as_int(request.POST.get("year", "")), as_number(request.POST.get("value", ""))
    if year is None or value is None:
        return refuse(gettext("年份和数值必须是数字"))
    version = as_int(request.POST.get("version") or "0")  # the entry form is opened on no value: 0
    if version is None or version < 0:
        return refuse(gettext("表单的版本号无效，请刷新页面后重新填写（未保存）"))
    period = request.POST.get("period", "").strip()[:30]  # "" for the full year, 2026Q1 / 2026-03 otherwise
    if parsed := parse_period(period):
        year = parsed[0]  # the period chosen names its year (2026年第一季度): the year list is for full years
    try:
        obs = save_value(request.user, ind, region, year, value, request.POST.get("comment", "").strip(),
                         version, request.POST.get("source", "").strip(), period=period)
        if obs.period_label:
            messages.success(request, gettext("已保存：%(name)s %(period)s %(value)s%(unit)s（部分年度，草稿，提交后由发改局审核）")
                             % {"name": ind.name, "period": obs.period_label, "value": f"{value:g}", "unit": ind.unit})
        else:
            messages.success(request, gettext("已保存：%(name)s %(year)s年 %(value)s%(unit)s（草稿，提交后由发改局审核）") % {
                "name": ind.name, "year": year, "value": f"{value:g}", "unit": ind.unit})
    except StaleVersion as exc:
        return refuse(" ".join(exc.messages), 409)
    except ValidationError as exc:
        return refuse(" ".join(exc.messages))
    except PermissionDenied as exc:
        return denied(request, str(exc))
    return redirect("report")


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    to = request.POST.get("to", "")
    if to not in Status.values:
        messages.error(request, gettext("未知的操作"))
        return back(request)
    try:
        obs = transition(request.user, pk, to, request.POST.get("reason", ""))
        messages.success(request, gettext("%(name)s %(year)s年：%(status)s") % {
            "name": obs.indicator.name, "year": obs.year, "status": pgettext("status", obs.get_status_display())})
    except Observation.DoesNotExist as exc:
        raise Http404(gettext("没有这条数据")) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        return denied(request, str(exc))
    return back(request)


@login_required
def review(request: HttpRequest) -> HttpResponse:
    if not can_review(request.user):
        return denied(request, gettext("只有发改局管理员可以审核"))
    pending = list(Observation.objects.filter(status__in=[Status.SUBMITTED, Status.APPROVED]).select_related(
        "indicator", "indicator__plan", "region", "indicator__lead").order_by("indicator__no", "year"))
    lasts = last_values(pending)
    paths: dict[int, dict[int, dict[int, float | None]]] = {}  # per plan: its stamp is read once, not per row
    for o in pending:  # the context a reviewer judges a value in
        last = lasts[o.pk]
        o.last = last  # type: ignore[attr-defined]
        o.change = (100 * (o.value - last.value) / abs(last.value)  # type: ignore[attr-defined]
                    if last and last.value else None)  # in percent
        if o.indicator.plan_id not in paths:
            paths[o.indicator.plan_id] = target_paths(o.indicator.plan)
        o.target = (None if o.period else  # type: ignore[attr-defined]
                    paths[o.indicator.plan_id].get(o.indicator.no, {}).get(o.year))
    listed = list(ReportingRound.objects.select_related("plan", "plan__region").filter(plan__in=Plan.objects.in_use()))
    chosen = next((r for r in listed if r.pk == as_int(request.GET.get("round", "") or "0")), None)
    chosen = chosen or next(iter(open_rounds()), None) or (listed[0] if listed else None)
    if wants_xlsx(request):
        text = tables.caption(gettext("待审核数据（全部规划）"), timezone.localdate().isoformat())
        return xlsx(table_xlsx(gettext("审核发布"), *tables.review_rows(pending), caption=text), "待审核数据.xlsx")
    return render(request, "web/review.html", {"pending": pending, "rounds": listed, "round": chosen,
                                               "completeness": completeness(chosen) if chosen else []})


@login_required
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    """批量审核 / 批量发布: the ticked values in one POST, all or nothing (services.bulk_transition)."""
    if not can_review(request.user):
        return denied(request, gettext("只有发改局管理员可以审核"))
    to = request.POST.get("to", "")
    if to not in (Status.APPROVED, Status.PUBLISHED):
        messages.error(request, gettext("未知的操作"))
        return redirect("review")
    ids = [pk for pk in (as_int(x) for x in request.POST.getlist("ids")) if pk is not None]
    try:
        done = bulk_transition(request.user, ids, to)
    except BulkRefused as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("review")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("review")
    except PermissionDenied as exc:
        return denied(request, str(exc))
    messages.success(request, gettext("已处理 %(n)d 条数据：%(status)s") % {
        "status": pgettext("status", Status(to).label), "n": len(done)})
    return redirect("review")


@login_required
def round_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """填报模板 of a round: GET the department's template, POST it back filled in (all or nothing)."""
    from ...core.errors import PlanwatchError
    from ..responses import uploaded
    from .bulk import SheetRefused, apply_round_sheet, round_template

    round_ = get_object_or_404(ReportingRound.objects.select_related("plan", "plan__region"), pk=pk,
                               plan__in=Plan.objects.in_use())
    if not reportable(request.user, round_.plan.indicators.all()).exists():
        return denied(request, gettext("您所在部门没有作为牵头单位的指标，没有填报模板"))
    if request.method != "POST":
        response = HttpResponse(round_template(request.user, round_),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = ("attachment; filename*=UTF-8''"
                                           "%E5%A1%AB%E6%8A%A5%E6%A8%A1%E6%9D%BF-" f"{round_.pk}.xlsx")  # 填报模板-N
        return response
    got = uploaded(request)
    if got is None:
        return _report_page(request, round_.plan, 400)
    try:
        saved = apply_round_sheet(request.user, round_, *got)
    except SheetRefused as exc:
        messages.error(request, str(exc))
        for line in exc.errors[:50]:
            messages.error(request, line)
        return _report_page(request, round_.plan, 400)
    except (PlanwatchError, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        return _report_page(request, round_.plan, 400)
    except PermissionDenied as exc:
        return denied(request, str(exc))
    messages.success(request, gettext("已从填报模板保存 %(n)d 个数值（草稿，提交后由发改局审核）") % {"n": saved})
    return redirect("report")


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """填报轮次: annual, quarterly and monthly rounds with their deadlines; the admin creates and reopens them."""
    status = 200
    if request.method == "POST" and request.POST.get("action") == "create":
        if not can_review(request.user):  # before reading the form: others learn nothing from its errors
            return denied(request, gettext("只有发改局管理员可以设置填报轮次"))
        plan = Plan.objects.in_use().filter(pk=as_int(request.POST.get("plan")) or 0).first() or requested_plan(
            request)
        try:
            deadline = dt.date.fromisoformat(request.POST.get("deadline", ""))
        except ValueError:
            messages.error(request, gettext("请填写截止日期"))
            status = 400
        else:
            try:
                created = create_round(request.user, plan, as_int(request.POST.get("year")) or 0,
                                       request.POST.get("frequency", ""), as_int(request.POST.get("period")) or 0,
                                       deadline)
                messages.success(request, gettext("已设置填报轮次：%(name)s") % {"name": created.label})
                return redirect(f"{reverse('rounds')}?plan={created.plan_id}")
            except PermissionDenied as exc:
                return denied(request, str(exc))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 400
    elif request.method == "POST":
        try:
            reopen_round(request.user, as_int(request.POST.get("round", "")) or 0,
                         dt.date.fromisoformat(request.POST.get("until", "")))
            messages.success(request, gettext("已重新开放填报"))
        except ValueError:
            messages.error(request, gettext("请填写重新开放的截止日期"))
        except ReportingRound.DoesNotExist as exc:
            raise Http404(gettext("没有这个填报轮次")) from exc
        except PermissionDenied as exc:
            return denied(request, str(exc))
        return redirect("rounds")
    current = requested_plan(request)  # per plan: the plan switcher's (?plan=, or the session's)
    listed = list(ReportingRound.objects.select_related("plan").filter(plan=current))
    groups = [(label, [r for r in listed if r.frequency == value]) for value, label in Frequency.choices]
    if wants_xlsx(request) and status == 200:
        text = tables.caption(current.title, current.region.name, gettext("填报轮次"))
        return xlsx(table_xlsx(gettext("填报轮次"), *tables.round_rows(groups, timezone.localdate()), caption=text),
                    f"填报轮次-{current.title}.xlsx")
    return render(request, "web/rounds.html", {
        "plan": current, "groups": [(label, rows) for label, rows in groups if rows], "today": timezone.localdate(),
        "may_review": can_review(request.user), "plans": Plan.objects.in_use().order_by("id"),
        "frequencies": Frequency.choices, "form": request.POST if status == 400 else {}}, status=status)
