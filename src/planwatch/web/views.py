"""Pages. Each view reads through a service or the core and checks permissions in accounts.permissions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from ..core.decompose import decompose
from ..core.evaluation import LAGGING, evaluation_mode
from ..core.statuses import STATUSES
from .accounts.models import Region
from .accounts.permissions import (
    can_check_plan,
    can_report,
    can_review,
    can_view_unpublished,
    get_object_for_user,
    reportable,
)
from .cache import cache_key, cached, loaded_fresh
from .monitoring.models import Observation, Status, parse_period
from .monitoring.services import (
    counted_values,
    evaluate_plan,
    save_value,
    transition,
    visible_observations,
)
from .params import Scope, as_int, as_number, requested_plan, scope
from .plans.models import OUTLINE_KINDS, Indicator, Plan, PlanStatus


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
    from functools import cache

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
    from ..core.serialize import finite

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
    from .monitoring.services import plan_specs_of

    paths = cached("paths", plan, compute=lambda: {row.no: row.values for row in decompose(plan_specs_of(plan))})
    return paths.get(no, {})


def plan_outline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_for_user(request, Plan, pk)
    nodes = plan.nodes.filter(kind__in=OUTLINE_KINDS).order_by("position")
    return render(request, "web/plan.html", {"plan": plan, "nodes": nodes,
                                              "counts": {"indicators": plan.indicators.count(),
                                                         "tasks": plan.tasks.count(),
                                                         "projects": plan.projects.count(),
                                                         "commitments": plan.commitments.count()}})


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
    from .monitoring.models import Frequency

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
    from .monitoring.services import StaleVersion

    try:
        ind = get_object_for_user(request, Indicator, as_int(request.POST.get("indicator")) or 0, write=True,
                                  queryset=Indicator.objects.select_related("plan", "lead"))
    except PermissionDenied as exc:
        return render(request, "web/denied.html", {"message": str(exc)}, status=403)

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
        return render(request, "web/denied.html", {"message": str(exc)}, status=403)
    return redirect("report")


def _back(request: HttpRequest, default: str = "report") -> HttpResponse:
    """Redirect to ``next`` when it is an address on this site (url_has_allowed_host_and_scheme refuses
    ``https://evil.example``, ``//evil.example``, ``/\\evil.example``), else to the page named ``default``."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "").strip()
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    to = request.POST.get("to", "")
    if to not in Status.values:
        messages.error(request, gettext("未知的操作"))
        return _back(request)
    try:
        obs = transition(request.user, pk, to, request.POST.get("reason", ""))
        messages.success(request, gettext("%(name)s %(year)s年：%(status)s") % {
            "name": obs.indicator.name, "year": obs.year, "status": pgettext("status", obs.get_status_display())})
    except Observation.DoesNotExist as exc:
        raise Http404(gettext("没有这条数据")) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        return render(request, "web/denied.html", {"message": str(exc)}, status=403)
    return _back(request)


@login_required
def review(request: HttpRequest) -> HttpResponse:
    if not can_review(request.user):
        return render(request, "web/denied.html", {"message": gettext("只有发改局管理员可以审核")}, status=403)
    pending = Observation.objects.filter(status__in=[Status.SUBMITTED, Status.APPROVED]).select_related(
        "indicator", "region", "indicator__lead").order_by("indicator__no", "year")
    return render(request, "web/review.html", {"pending": pending})


def search_page(request: HttpRequest) -> HttpResponse:
    """全文检索: open to everyone (the plan text is public)."""
    from .plans.search import search

    plan = requested_plan(request)
    query = request.GET.get("q", "").strip()[:100]
    hits = search(plan, query) if query else []
    return render(request, "web/search.html", {"plan": plan, "query": query, "hits": hits})


def plans_list(request: HttpRequest) -> HttpResponse:
    """All plans side by side: master plans with their special plans, for every region."""
    plans = Plan.objects.select_related("region", "parent").order_by("region_id", "parent_id", "id")
    if not can_check_plan(request.user):  # drafts are listed for the one who checks them
        plans = plans.filter(status=PlanStatus.CONFIRMED)
    return render(request, "web/plans.html", {"plans": plans, "may_import": can_check_plan(request.user)})


MAX_UPLOAD = 20 * 1024 * 1024


def _upload(request: HttpRequest) -> tuple[bytes, str] | None:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, gettext("请选择要上传的文件"))
        return None
    if upload.size and upload.size > MAX_UPLOAD:
        messages.error(request, gettext("文件大小 %(size)s MB 超过上限 20 MB") % {"size": f"{upload.size / 1048576:.1f}"})
        return None
    return upload.read(MAX_UPLOAD + 1), upload.name or "upload"


@login_required
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    """Bulk responsibility assignment: GET the template, POST it back filled in."""
    from .plans import assignments as service

    plan = get_object_or_404(Plan, pk=pk)
    if not can_review(request.user):
        return render(request, "web/denied.html", {"message": gettext("只有发改局管理员可以分配牵头单位")}, status=403)
    if request.GET.get("download"):
        response = HttpResponse(service.template(plan),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%88%86%E5%B7%A5%E6%A8%A1%E6%9D%BF.xlsx"
        return response
    errors: list[str] = []
    if request.method == "POST":
        received = _upload(request)
        if received is not None:
            from ..core.errors import PlanwatchError

            try:
                changes, errors = service.read(plan, received[0])
            except PlanwatchError as exc:
                errors = [str(exc)]
            if not errors:
                n = service.apply(plan, changes)
                messages.success(request, gettext("已更新%(n)s项的牵头单位、配合单位和完成时限") % {"n": n})
                return redirect("assignments", pk=plan.pk)
            messages.error(request, gettext("表格有%(n)s处问题，未做任何修改，请改正后重新上传") % {"n": len(errors)})
    return render(request, "web/assignments.html", {"plan": plan, "errors": errors}, status=400 if errors else 200)


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """填报轮次: annual, quarterly and monthly rounds with their deadlines; the admin creates and reopens them."""
    import datetime as dt

    from django.utils import timezone

    from .monitoring.models import Frequency, ReportingRound
    from .monitoring.services import create_round, reopen_round

    status = 200
    if request.method == "POST" and request.POST.get("action") == "create":
        if not can_review(request.user):  # before reading the form: others learn nothing from its errors
            return render(request, "web/denied.html", {"message": gettext("只有发改局管理员可以设置填报轮次")}, status=403)
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
                return render(request, "web/denied.html", {"message": str(exc)}, status=403)
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
            return render(request, "web/denied.html", {"message": str(exc)}, status=403)
        return redirect("rounds")
    listed = list(ReportingRound.objects.select_related("plan"))
    groups = [(label, [r for r in listed if r.frequency == value]) for value, label in Frequency.choices]
    return render(request, "web/rounds.html", {
        "groups": [(label, rows) for label, rows in groups if rows], "today": timezone.localdate(),
        "may_review": can_review(request.user), "plans": Plan.objects.in_use().order_by("id"),
        "frequencies": Frequency.choices, "form": request.POST if status == 400 else {}}, status=status)


def report_download(request: HttpRequest) -> HttpResponse:
    """Download the evaluation report (.docx or .html) built from the database; the public gets published data."""
    from urllib.parse import quote

    from ..reports.writers import WRITERS
    from .reports import RETRY_AFTER, ReportBusy, report_file

    plan = requested_plan(request)
    kind = request.GET.get("kind", "final")
    fmt = request.GET.get("format", "docx")
    if kind not in ("annual", "midterm", "final") or fmt not in WRITERS:
        raise Http404(gettext("没有这种报告"))
    if not plan.indicators.exists():  # a special plan registered by its title only: nothing to evaluate
        return render(request, "web/denied.html", {
            "heading": gettext("无法生成报告"),
            "message": gettext("《%(title)s》没有主要指标，无法生成评估报告：请先导入该规划的文本或指标表") % {
                "title": plan.title}}, status=404)
    as_of = scope(request, plan).as_of
    from ..core.errors import PlanwatchError
    from ..reports.content import KIND_TITLES

    try:  # generated once per data stamp, audience, language, kind, year and format (reports.report_file)
        body = report_file(plan, as_of, kind, fmt, public=not can_view_unpublished(request.user))
    except ReportBusy:
        response = render(request, "web/denied.html", {
            "heading": gettext("报告正在生成"),
            "message": gettext("另一份报告正在生成，请%(seconds)s秒后再试") % {"seconds": RETRY_AFTER}}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    except PlanwatchError as exc:
        return render(request, "web/denied.html", {"message": str(exc)}, status=503)
    response = HttpResponse(body, content_type=WRITERS[fmt].content_type)
    name = f"{as_of}年{KIND_TITLES[kind]}.{fmt}"  # type: ignore[index]
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
