"""Plan pages: 规划列表, the outline, 全文检索, 分工 (assignments), 导入规划, 规划导入核对 (review before use) and 规划衔接 (links to upper-level indicators and where a
lower target is weaker)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext, pgettext

from ...core.errors import PlanwatchError
from ...exports import table_xlsx
from ..accounts.models import Region
from ..accounts.permissions import can_check_plan, can_review, can_view_unpublished, get_object_for_user
from ..params import as_int, requested_plan
from ..responses import MAX_UPLOAD, denied, uploaded, wants_xlsx, xlsx
from . import assignments as assignment_sheet
from . import review as service
from .linkage import candidates, linkage_rows, set_links
from .models import OUTLINE_KINDS, Plan, PlanStatus
from .search import hit_url, search
from .succession import plan_lineage


def _links_from_form(request: HttpRequest, plan: Plan) -> dict[int, int | None]:
    """``upper-<no>`` fields: an indicator id or empty (unlink); ``accept`` takes every suggestion not yet linked.
    A field whose indicator number or upper indicator id is not a number is refused: nothing is changed."""
    if request.POST.get("action") == "accept":
        return {r.indicator.no: r.suggested.pk for r in linkage_rows(plan) if r.suggested is not None}
    links: dict[int, int | None] = {}
    bad: list[str] = []
    for key, value in request.POST.items():
        if not key.startswith("upper-"):
            continue
        no, upper = as_int(key[6:]), as_int(value)
        if no is None or (upper is None and value.strip()):
            bad.append(key[:40])
            continue
        links[no] = upper
    if bad:
        raise ValidationError(gettext("以下字段的编号不是有效数字，未做任何修改：%(fields)s") % {
            "fields": pgettext("list separator", "、").join(bad[:10])})
    return links


@login_required
def linkage(request: HttpRequest, pk: int) -> HttpResponse:
    # a draft (the demo's 草案 under the national 15th) exists only for those who check plans
    plan = get_object_for_user(request, Plan, pk, queryset=Plan.objects.select_related("parent", "region"))
    if request.method == "POST":
        if not can_review(request.user):  # before reading the form: others learn nothing from its errors
            return denied(request, gettext("只有发改局管理员可以设置规划衔接"))
        try:
            changed = set_links(request.user, plan, _links_from_form(request, plan))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return render(request, "web/linkage.html", _context(request, plan), status=400)
        messages.success(request, gettext("已更新 %(n)d 项衔接关系") % {"n": changed})
        return redirect("linkage", pk=plan.pk)
    return render(request, "web/linkage.html", _context(request, plan))


def _context(request: HttpRequest, plan: Plan) -> dict[str, object]:
    rows = linkage_rows(plan)
    counts = Counter(r.alignment.label for r in rows if r.alignment is not None)
    return {"plan": plan, "rows": rows, "counts": sorted(counts.items()), "may_edit": can_review(request.user),
            "candidates": candidates(plan) if can_review(request.user) else [],
            "suggestions": sum(1 for r in rows if r.suggested is not None)}


@login_required
def plan_import(request: HttpRequest) -> HttpResponse:
    """导入规划: a plan document (.txt/.docx/.pdf/.html) or an indicator table (.csv/.xlsx), stored as a 草稿 and
    opened for review."""
    if not can_check_plan(request.user):
        return denied(request, gettext("只有发改局管理员可以导入规划"))
    context = {"regions": Region.objects.all(), "parents": Plan.objects.in_use().filter(parent__isnull=True)}
    if request.method == "POST":
        received = uploaded(request)
        if received is not None:
            data, name = received
            region = get_object_or_404(Region, pk=as_int(request.POST.get("region")) or 0)
            parent = Plan.objects.in_use().filter(pk=as_int(request.POST.get("parent")) or 0).first()
            try:
                plan = service.import_upload(data, name, MAX_UPLOAD, region,
                                             request.POST.get("title", "").strip()[:200], parent)
            except PlanwatchError as exc:
                messages.error(request, str(exc))
                return render(request, "web/plan_import.html", context, status=400)
            counts = {"chapters": plan.nodes.filter(kind="chapter").count(),
                      "sections": plan.nodes.filter(kind="section").count(),
                      "columns": plan.nodes.filter(kind="column").count(), "indicators": plan.indicators.count()}
            messages.success(request, gettext("已读入《%(title)s》：%(chapters)s章%(sections)s节%(columns)s个专栏，"
                                              "主要指标%(indicators)s项。请核对后确认（草稿）") % {
                                                  "title": plan.title, **counts})
            return redirect("plan_review", pk=plan.pk)
    return render(request, "web/plan_import.html", context)


def _corrections_from_form(request: HttpRequest, plan: Plan) -> list[service.Correction]:
    """The corrections one form asks for: a row's changed cells, or a commitment or project accepted/rejected."""
    from ...core.corrections import parse_corrections

    post = request.POST
    if "indicator" in post:
        row = next((i for i in plan.indicators.all() if i.display_no == post["indicator"]), None)
        if row is None:
            raise ValidationError(gettext("没有这项指标"))
        return service.changed_cells(row, {k: post[k] for k in service.CELLS if k in post})
    key = "commitment" if "commitment" in post else "project"
    return parse_corrections([{key: post.get(key, ""), "node": post.get("node", ""),
                               "accepted": post.get("accepted") == "1"}])


@login_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    """规划导入核对: the outline, the indicator grid with each target in words, the warnings, the commitments and
    projects; the admin corrects cells, rejects items and confirms (草稿 → 已确认)."""
    plan = get_object_or_404(Plan.objects.select_related("region", "parent"), pk=pk)
    if not can_check_plan(request.user):  # before reading any form: others learn nothing from its errors
        return denied(request, gettext("只有发改局管理员可以核对规划"))
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm":
                service.confirm(request.user, plan)
                messages.success(request, gettext("已确认《%(title)s》，规划已启用") % {"title": plan.title})
                return redirect("plan", pk=plan.pk)
            done = service.correct(request.user, plan, _corrections_from_form(request, plan))
        except (ValidationError, PlanwatchError) as exc:
            messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
            return render(request, "web/plan_review.html", _review_context(plan), status=400)
        messages.success(request, "；".join(done) if done else gettext("没有改动"))
        return redirect("plan_review", pk=plan.pk)
    return render(request, "web/plan_review.html", _review_context(plan))


def _review_context(plan: Plan) -> dict[str, object]:
    from ...core.kinds import KINDS

    return {"plan": plan, "rows": service.review_rows(plan), "nodes": plan.nodes.order_by("position"),
            "commitments": plan.commitments.select_related("node"), "projects": plan.projects.all(),
            "corrections": service.corrections_of(plan),
            "kinds": [(code, rule.label) for code, rule in KINDS.items()]}


def plan_outline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_for_user(request, Plan, pk)
    nodes = plan.nodes.filter(kind__in=OUTLINE_KINDS).order_by("position")
    return render(request, "web/plan.html", {"plan": plan, "nodes": nodes,
                                              "counts": {"indicators": plan.indicators.count(),
                                                         "tasks": plan.tasks.count(),
                                                         "projects": plan.projects.count(),
                                                         "commitments": plan.commitments.count()}})


def search_page(request: HttpRequest) -> HttpResponse:
    """全文检索: open to everyone (the plan text is public)."""
    plan = requested_plan(request)
    query = request.GET.get("q", "").strip()[:100]
    hits = [(hit, hit_url(hit, plan, request.user)) for hit in search(plan, query)] if query else []
    return render(request, "web/search.html", {"plan": plan, "query": query, "hits": hits})


def plans_list(request: HttpRequest) -> HttpResponse:
    """All plans side by side: master plans with their special plans, for every region."""
    plans = Plan.objects.select_related("region", "parent").order_by("region_id", "parent_id", "id")
    if not can_check_plan(request.user):  # drafts are listed for the one who checks them
        plans = plans.filter(status=PlanStatus.CONFIRMED)
    if wants_xlsx(request):  # the rows the page lists, for the same person
        return xlsx(table_xlsx(gettext("规划"), *plans_table(plans), caption=gettext("规划一览")), "规划一览.xlsx")
    return render(request, "web/plans.html", {"plans": plans, "may_import": can_check_plan(request.user)})


PLANS_HEADER = ["规划", "地区", "上位/总体规划", "起始年", "终止年", "主要指标（项）", "状态"]


def plans_table(plans: Any) -> tuple[list[str], list[list[object]]]:
    """The plans list as rows: title, region, parent, period (the years after the base year to the end year),
    how many main indicators, and 草稿：待核对 for a draft."""
    return PLANS_HEADER, [
        [p.title, p.region.name, p.parent.title if p.parent else "—",
         (p.base_year + 1) if p.base_year else None, p.end_year, p.indicators.count(),
         gettext("草稿：待核对") if p.is_draft else gettext("已确认")] for p in plans]


@login_required
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    """Bulk responsibility assignment: GET the template, POST it back filled in."""
    plan = get_object_or_404(Plan, pk=pk)
    if not can_review(request.user):
        return denied(request, gettext("只有发改局管理员可以分配牵头单位"))
    if request.GET.get("download"):
        response = HttpResponse(assignment_sheet.template(plan),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%88%86%E5%B7%A5%E6%A8%A1%E6%9D%BF.xlsx"
        return response
    errors: list[str] = []
    if request.method == "POST":
        received = uploaded(request)
        if received is not None:
            try:
                changes, errors = assignment_sheet.read(plan, received[0])
            except PlanwatchError as exc:
                errors = [str(exc)]
            if not errors:
                n = assignment_sheet.apply(plan, changes)
                messages.success(request, gettext("已更新%(n)s项的牵头单位、配合单位和完成时限") % {"n": n})
                return redirect("assignments", pk=plan.pk)
            messages.error(request, gettext("表格有%(n)s处问题，未做任何修改，请改正后重新上传") % {"n": len(errors)})
    return render(request, "web/assignments.html", {"plan": plan, "errors": errors}, status=400 if errors else 200)


@login_required
def annual_targets(request: HttpRequest, pk: int) -> HttpResponse:
    """年度目标: the admin enters the year's targets as the 人大 adopted them, or takes the decomposition's values
    for every indicator still without one (plans.annual). A refusal shows the form again and writes nothing."""
    import datetime as dt

    from django.db import transaction

    from . import annual

    plan = get_object_or_404(Plan.objects.in_use(), pk=pk)
    if not can_review(request.user):
        return denied(request, gettext("只有发改局管理员可以录入年度目标"))
    years = annual.plan_years(plan)
    if not years:
        return denied(request, gettext("本规划没有规划期，不能录入年度目标"), status=400)
    year = as_int(request.POST.get("year") or request.GET.get("year"))
    year = year if year in years else years[0]
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decompose":
                n = annual.take_decomposition(request.user, plan, year)
                messages.success(request, gettext("已将%(n)s项指标%(year)s年的分解值录为年度目标（取自分解）") % {
                    "n": n, "year": year})
                return redirect(f"{request.path}?year={year}")
            text = request.POST.get("adopted_on", "").strip()
            try:
                adopted_on = dt.date.fromisoformat(text) if text else None
            except ValueError as exc:
                raise ValidationError(gettext("通过日期“%(text)s”不是日期（如 2026-03-12）") % {"text": text[:30]}) from exc
            current = annual.in_force(plan, year)
            with transaction.atomic():  # all or nothing: the first refusal undoes the rows before it
                n = 0
                for ind in plan.indicators.order_by("no"):
                    raw = request.POST.get(f"target-{ind.no}", "").strip()
                    held = current.get((ind.no, year))
                    if raw and (held is None or held.target_raw != raw):
                        annual.enter_annual_target(request.user, ind, year, raw, request.POST.get("document", ""),
                                                   adopted_on)
                        n += 1
            messages.success(request, gettext("已录入%(n)s项%(year)s年度目标") % {"n": n, "year": year})
            return redirect(f"{request.path}?year={year}")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
    from ..monitoring.services import target_paths

    paths = target_paths(plan)
    held = annual.in_force(plan, year)
    typed = request.POST if status == 400 else {}  # after a refusal, what was typed, to be corrected
    rows = [(ind, held.get((ind.no, year)), paths.get(ind.no, {}).get(year),
             typed.get(f"target-{ind.no}", held[(ind.no, year)].target_raw if (ind.no, year) in held else ""))
            for ind in plan.indicators.order_by("no")]
    return render(request, "web/annual_targets.html", {
        "plan": plan, "year": year, "years": years, "rows": rows, "form": request.POST if status == 400 else {},
        "entries": annual.history(plan)}, status=status)


def lineage_page(request: HttpRequest, pk: int) -> HttpResponse:
    """指标承接: which of this plan's indicators continue those of the plan it succeeds (and why they were paired),
    which are new and which were dropped, with the old plan's final values offered as baselines."""
    plan = get_object_for_user(request, Plan, pk)
    old = plan.succeeds
    if old is None:
        return denied(request, gettext("《%(title)s》没有登记接续的上一期规划（在后台的规划中设置“接续的上一期规划”）") % {
            "title": plan.title}, heading=gettext("没有上一期规划"), status=404)
    found = plan_lineage(old, plan, public=not can_view_unpublished(request.user))
    language = "en" if (get_language() or "").startswith("en") else "zh"  # the core's reasons in the page language
    rows = [(p, p.reason_in(language), [m for m in (p.units.message_in(language), *p.notes_in(language)) if m])
            for p in found.continued]
    return render(request, "web/lineage.html", {"plan": plan, "old": old, "lineage": found, "rows": rows})
