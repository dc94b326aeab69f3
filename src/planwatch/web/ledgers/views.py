"""任务台账, 重大项目台账, 量化承诺台账, 督办单 and the department page with its 考核 score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from ...core.ledger import LIGHT_LABELS, assessment_score
from ..accounts.models import Department
from ..accounts.permissions import (
    can_delete_evidence,
    can_report,
    can_review,
    department_of,
    get_object_for_user,
)
from ..monitoring.services import evaluate_plan
from ..params import as_int, requested_plan
from . import services
from .models import KINDS, Evidence, Ledger, LedgerEvent, Milestone, NoticeStatus, ProgressUpdate, SupervisionNotice


def _ledger(kind: str) -> Ledger:
    if kind not in KINDS:
        raise Http404(gettext("没有这个台账"))
    return KINDS[kind]


@login_required
def ledger(request: HttpRequest, kind: str) -> HttpResponse:
    book = _ledger(kind)
    plan = requested_plan(request)
    items = book.model.objects.filter(plan=plan).select_related("lead", "node", "plan").prefetch_related(
        "notices", "milestones")
    department = as_int(request.GET.get("department"))
    if department is not None:
        items = items.filter(lead_id=department)
    rows = [(item, services.item_light(item)) for item in items.order_by("id")]
    wanted = request.GET.get("light")
    if wanted in LIGHT_LABELS:
        rows = [r for r in rows if r[1] == wanted]
    counts = {key: sum(1 for _, x in rows if x == key) for key in LIGHT_LABELS}
    return render(request, "web/ledger.html", {
        "kind": kind, "title": book.title, "heading": book.heading, "plan": plan, "rows": rows, "counts": counts,
        "labels": LIGHT_LABELS, "departments": Department.objects.all(), "may_review": can_review(request.user),
        "may_report": {item.pk for item, _ in rows if can_report(request.user, item)},
        "today": timezone.localdate() + dt.timedelta(days=14), "now": timezone.localdate(),
        "simulated": any(item.progress_simulated for item, _ in rows)})


def _denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return render(request, "web/denied.html", {"message": str(exc)}, status=403)


def _act(request: HttpRequest, action: Callable[[], str], bad_input: str, done: HttpResponse) -> HttpResponse:
    """Run a ledger action: its message on success, the person's own words on a refusal, 403 when not allowed."""
    try:
        messages.success(request, action())
    except ValueError:
        messages.error(request, bad_input)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        return _denied(request, exc)
    return done


@login_required
@require_POST
def progress(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def update() -> str:
        progress = as_int(request.POST.get("progress", ""))
        if progress is None:
            raise ValueError("not a whole number")  # → the bad-input message
        services.update_progress(request.user, item, progress, request.POST.get("note", "").strip())
        return gettext("进展已更新")

    return _act(request, update, gettext("进度应为 0 到 100 的整数"), redirect("ledger", kind=kind))


@login_required
@require_POST
def notice(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def issue() -> str:
        due = dt.date.fromisoformat(request.POST.get("reply_due", ""))
        services.issue_notice(request.user, item, request.POST.get("reason", ""), due)
        return gettext("已向%(department)s下发督办单") % {"department": item.lead}

    return _act(request, issue, gettext("答复时限应为日期"), redirect("ledger", kind=kind))


def _item(request: HttpRequest, kind: str, pk: int) -> Any:
    """The task, project or commitment the URL names, for those who may read the ledger (403 for others)."""
    model = _ledger(kind).model
    return get_object_for_user(request, model, pk, queryset=model.objects.select_related("lead", "node", "plan"))


def _item_page(request: HttpRequest, kind: str, item: Any, status: int = 200) -> HttpResponse:
    """台账事项页: the item, its milestones, evidence files and their history."""
    book = _ledger(kind)
    field, today = book.field, timezone.localdate()
    milestones = list(Milestone.objects.filter(**{field: item}))
    evidence = list(Evidence.objects.filter(**{field: item}).select_related("uploaded_by"))
    history = [(e.at, e.actor, e.get_action_display(), e.detail)
               for e in LedgerEvent.objects.filter(**{field: item}).select_related("actor")]
    history += [(u.at, u.actor, "更新进度", f"{u.old_progress}% → {u.new_progress}% {u.note}".strip())
                for u in ProgressUpdate.objects.filter(**{field: item}).select_related("actor")]
    history.sort(key=lambda row: row[0], reverse=True)
    return render(request, "web/ledger_item.html", {
        "kind": kind, "title": book.title, "item": item, "light": services.item_light(item, today),
        "labels": LIGHT_LABELS, "milestones": [(m, m.overdue(today)) for m in milestones],
        "evidence": [(x, can_delete_evidence(request.user, x)) for x in evidence], "history": history,
        "may_report": can_report(request.user, item), "today": today,
        "max_mb": settings.EVIDENCE_MAX_BYTES // 1048576, "simulated": item.progress_simulated},
        status=status)


@login_required
def ledger_item(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _item_page(request, kind, _item(request, kind, pk))


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _item_action(request: HttpRequest, kind: str, item: Any, action: Callable[[], str]) -> HttpResponse:
    """Run a milestone or evidence action: back to the item page on success; the item page with the reason
    and 400 on bad input (nothing written); 403 when not allowed."""
    try:
        message = action()
    except PermissionDenied as exc:
        return _denied(request, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _item_page(request, kind, item, status=400)
    messages.success(request, message)
    return redirect("ledger_item", kind=kind, pk=item.pk)


@login_required
@require_POST
def milestone_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def add() -> str:
        m = services.add_milestone(request.user, item, request.POST.get("name", ""),
                                   _date(request.POST.get("planned")), request.POST.get("note", ""))
        return gettext("已新增里程碑“%(name)s”") % {"name": m.name}

    return _item_action(request, kind, item, add)


@login_required
@require_POST
def milestone_done(request: HttpRequest, kind: str, pk: int, mid: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def done() -> str:
        try:
            m = services.complete_milestone(request.user, item, mid, _date(request.POST.get("done")))
        except Milestone.DoesNotExist as exc:
            raise Http404(gettext("没有这个里程碑")) from exc
        return gettext("里程碑“%(name)s”已标记完成") % {"name": m.name}

    return _item_action(request, kind, item, done)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def upload() -> str:
        evidence = services.add_evidence(request.user, item, request.FILES.get("file"))
        return gettext("已上传佐证材料“%(name)s”") % {"name": evidence.name}

    return _item_action(request, kind, item, upload)


@login_required
def evidence_download(request: HttpRequest, kind: str, pk: int, eid: int) -> HttpResponse:
    """下载佐证材料: signed-in staff who may read the ledger; as an attachment under its own name."""
    from ...core.attachments import media_type

    item = _item(request, kind, pk)
    evidence = get_object_or_404(Evidence, pk=eid, **{_ledger(kind).field: item})
    try:
        fh = default_storage.open(evidence.stored, "rb")
    except FileNotFoundError as exc:
        raise Http404(gettext("文件已丢失，请联系管理员")) from exc
    return FileResponse(fh, as_attachment=True, filename=evidence.name, content_type=media_type(evidence.kind))


@login_required
@require_POST
def evidence_delete(request: HttpRequest, kind: str, pk: int, eid: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def delete() -> str:
        try:
            return gettext("已删除佐证材料“%(name)s”") % {"name": services.delete_evidence(request.user, item, eid)}
        except Evidence.DoesNotExist as exc:
            raise Http404(gettext("没有这份佐证材料")) from exc

    return _item_action(request, kind, item, delete)


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    rows = SupervisionNotice.objects.select_related("department", "indicator", *(k.field for k in KINDS.values())
                                                    ).prefetch_related("events__actor")
    if not can_review(request.user):
        rows = rows.filter(department=department_of(request.user))
    return render(request, "web/notices.html", {"notices": rows, "may_review": can_review(request.user),
                                                 "today": timezone.localdate()})


@login_required
@require_POST
def notice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        if action == "reply":
            services.reply_notice(request.user, pk, request.POST.get("reply", ""))
        elif action == "close":
            services.close_notice(request.user, pk)
        else:
            raise Http404(gettext("未知操作"))
        messages.success(request, gettext("已办理"))
    except SupervisionNotice.DoesNotExist as exc:
        raise Http404(gettext("没有这件督办单")) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        return _denied(request, exc)
    return redirect("notices")


@login_required
def department(request: HttpRequest, pk: int) -> HttpResponse:
    """部门页: the items a department leads, their status, and its 考核 score."""
    dept = get_object_or_404(Department, pk=pk)
    plan = requested_plan(request)
    as_of = min(timezone.localdate().year, plan.end_year or 2025)
    results, simulated = evaluate_plan(plan, as_of, public=False)
    led = {i.no for i in plan.indicators.filter(lead=dept)}
    indicators = [e for e in results if e.no in led]
    items = [(x, services.item_light(x)) for book in KINDS.values()
             for x in book.model.objects.filter(plan=plan, lead=dept).select_related("plan", "node").prefetch_related(
                 "milestones")]
    open_notices = SupervisionNotice.objects.filter(department=dept).exclude(status=NoticeStatus.CLOSED)
    score = assessment_score([e.status for e in indicators], [x for _, x in items],
                             services.overdue(open_notices))
    return render(request, "web/department.html", {
        "dept": dept, "plan": plan, "as_of": as_of, "results": indicators, "items": items, "score": score,
        "notices": open_notices, "simulated": simulated, "labels": LIGHT_LABELS})
