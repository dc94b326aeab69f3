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
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from ...core.decompose import decompose
from ...core.evaluation import LAGGING, evaluation_mode
from ...core.serialize import finite
from ...core.statuses import STATUSES
from ..accounts.models import Region
from ..accounts.permissions import can_report, can_review, can_view_unpublished, get_object_for_user, reportable
from ..cache import cache_key, cached, loaded_fresh
from ..params import Scope, as_int, as_number, requested_plan, scope
from ..plans.models import Indicator, Plan, PlanStatus
from ..responses import back, denied
from .models import Frequency, Observation, ReportingRound, Status, parse_period
from .services import (
    StaleVersion,
    counted_values,
    create_round,
    evaluate_plan,
    plan_specs_of,
    reopen_round,
    save_value,
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
    summary = cached("summary", plan, *parts, compute=lambda: _compute_summary(plan, as_of, public, region))
    return {**summary, "stamp": cache_key("summary", plan, *parts), "plan": plan, **_region_context(plan, region)}


def _compute_summary(plan: Plan, as_of: int, public: bool, region: Region) -> dict[str, Any]:
    results, simulated = evaluate_plan(plan, as_of, public, region)
    counts = Counter(e.status for e in results)
    leads = {i.no: i.lead for i in plan.indicators.select_related("lead")}
    lagging = [e for e in results if e.status in LAGGING]
    by_department = Counter(leads.get(e.no) or "未指定" for e in lagging)
    return {"plan": plan, "as_of": as_of, "mode": evaluation_mode(as_of, plan.base_year or 0, plan.end_year or 0),
            "results": results, "simulated": simulated, "leads": leads,
            "counts": [(status, counts[code]) for code, status in STATUSES.items() if counts[code]],
            "binding_lagging": [e for e in lagging if e.binding], "by_department": by_department.most_common(),
            "years": list(range((plan.base_year or 2020) + 1, (plan.end_year or 2025) + 1))}


def public(request: HttpRequest) -> HttpResponse:
    """公众门户: published data only, no login."""
    return render(request, "web/public.html", _summary(scope(request), True))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "web/overview.html", _summary(scope(request), False))


def indicator(request: HttpRequest, plan: int, no: int) -> HttpResponse:
    ind = get_object_or_404(Indicator.objects.select_related("plan", "lead"), plan_id=plan, no=no,
                            plan__status=PlanStatus.CONFIRMED)
    plan = loaded_fresh(ind.plan)  # type: ignore[assignment]
    see_all = can_view_unpublished(request.user)
    asked = scope(request, plan)
    as_of, region = asked.as_of, asked.region
    rows = visible_observations(plan, public=not see_all).filter(indicator=ind, region=region).order_by(
        "year", "simulated", "id")
    parts = (ind.no, see_all, region.pk)
    stamp = cache_key("indicator", plan, *parts)
    # called only when the template renders them: the page body is a cached fragment keyed by the stamp,
    # and on a hit none of them is needed (templates call a callable to get its value)
    evaluated = cache(lambda: evaluate_plan(plan, as_of, not see_all, region))
    chart = cache(lambda: cached("chart", plan, *parts, compute=lambda: _chart(ind, plan, rows)))
    mine = Observation.objects.filter(indicator=ind, region=region).prefetch_related(
        "events__actor") if see_all else []
    return render(request, "web/indicator.html", {
        "ind": ind, "plan": plan, "rows": rows, "chart": chart, "as_of": as_of, "stamp": stamp,
        "result": lambda: next(e for e in evaluated()[0] if e.no == ind.no),
        "simulated": lambda: evaluated()[1] or chart()["simulated"],
        **_region_context(plan, region), "observations": mine, "see_all": see_all,
        "may_report": can_report(request.user, ind), "may_review": can_review(request.user)})


def _chart(ind: Indicator, plan: Plan, rows: Any) -> dict[str, Any]:
    """The target path and the actual values of one indicator in one region (cached by the caller)."""
    path = _target_path(plan, ind.no)
    years = range(plan.base_year or 2020, (plan.end_year or 2025) + 1)
    # the value that counts in each year, chosen as the evaluation chooses (core.series)
    actual = {year: c.value for (_, _, year), c in counted_values(rows).items()}
    # finite(): the page's JSON is read by JSON.parse, which refuses NaN and Infinity
    return finite({"years": [str(y) for y in years], "unit": ind.unit, "name": ind.name,  # type: ignore[no-any-return]
                   "target": [ind.baseline_value] + [path.get(y) for y in years[1:]],
                   "actual": [actual.get(y) for y in years],
                   "simulated": any(o.simulated for o in rows)})


def _target_path(plan: Plan, no: int) -> dict[int, float | None]:
    """The indicator's yearly target path (年度目标分解), cached until the plan's data change."""
    paths = cached("paths", plan, compute=lambda: {row.no: row.values for row in decompose(plan_specs_of(plan))})
    return paths.get(no, {})


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """填报: the reporter's own items (the admin sees all)."""
    return _report_page(request, requested_plan(request))


def _report_page(request: HttpRequest, plan: Plan, status: int = 200, form: Any = None) -> HttpResponse:
    """The entry form (opened on no value: version 0) and the values entered, each draft with its own edit
    form carrying its version; after a refusal, again with what was typed and the status of the refusal."""
    indicators = reportable(request.user, plan.indicators.select_related("lead").order_by("no"))
    entries = Observation.objects.filter(indicator__in=indicators, simulated=False).select_related(
        "indicator", "region").order_by("indicator__no", "year", "period")
    periods = plan.rounds.exclude(frequency=Frequency.ANNUAL).order_by("year", "frequency", "period")
    return render(request, "web/report.html", {"plan": plan, "indicators": indicators, "entries": entries,
                                               "periods": periods,
                                               "years": range((plan.base_year or 2020) + 1, (plan.end_year or 2025) + 1),
                                               "may_review": can_review(request.user), "form": form or {}},
                  status=status)


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
                         version, period=period)
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
    pending = Observation.objects.filter(status__in=[Status.SUBMITTED, Status.APPROVED]).select_related(
        "indicator", "region", "indicator__lead").order_by("indicator__no", "year")
    return render(request, "web/review.html", {"pending": pending})


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
                return redirect("rounds")
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
    listed = list(ReportingRound.objects.select_related("plan"))
    groups = [(label, [r for r in listed if r.frequency == value]) for value, label in Frequency.choices]
    return render(request, "web/rounds.html", {
        "groups": [(label, rows) for label, rows in groups if rows], "today": timezone.localdate(),
        "may_review": can_review(request.user), "plans": Plan.objects.in_use().order_by("id"),
        "frequencies": Frequency.choices, "form": request.POST if status == 400 else {}}, status=status)
