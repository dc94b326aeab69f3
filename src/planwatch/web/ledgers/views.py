"""任务台账, 重大项目台账, 量化承诺台账, 督办单 and the department page with its 考核 score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from ...core.attachments import media_type
from ...core.ledger import LIGHT_LABELS, OVERDUE_NOTICE_DEDUCTION, WEIGHTS
from ...exports import table_xlsx
from ..accounts.models import Department, Role
from ..accounts.permissions import (
    can_answer_notice,
    can_delete_evidence,
    can_read_ledger,
    can_report,
    can_review,
    get_object_for_user,
    require,
    role_of,
    visible_notices,
)
from ..monitoring.tables import caption
from ..params import as_int, requested_plan
from ..plans.models import Plan
from ..responses import back, denied, uploaded, wants_xlsx, xlsx
from ..templatetags.planwatch_ledger import amount
from . import services, sheets
from .models import (
    KINDS,
    PROJECT_COLUMNS,
    Evidence,
    Ledger,
    LedgerEvent,
    Milestone,
    NoticeAttachment,
    NoticeStatus,
    ProgressUpdate,
    ProjectDetails,
    SupervisionNotice,
    ledger_of,
)


def _ledger(kind: str) -> Ledger:
    if kind not in KINDS:
        raise Http404(gettext("没有这个台账"))
    return KINDS[kind]


PAGE_SIZE = 50  # items per ledger page


@dataclass(frozen=True)
class LedgerRows:
    """A ledger as the page's filters (牵头单位, 灯号, 搜索) select it: every row, in the page's order."""

    book: Ledger
    plan: Plan
    rows: list[tuple[Any, str]]
    query: str


def _ledger_rows(request: HttpRequest, kind: str) -> LedgerRows:
    """The rows the ledger page and its Excel export show: the one reading of the filters."""
    book = _ledger(kind)
    plan = requested_plan(request)
    items = book.model.objects.filter(plan=plan)
    department = as_int(request.GET.get("department"))
    if department is not None:
        items = items.filter(lead_id=department)
    query = " ".join(request.GET.get("q", "").split())[:100]
    for word in query.split():
        match = Q()
        for field in book.search:
            match |= Q(**{f"{field}__icontains": word})
        items = items.filter(match)
    statuses: dict[int, str] = {}
    if kind == "commitments":
        statuses = services.indicator_statuses(plan)
    found = services.ledger_items(book, plan, items)
    dates = services.milestone_dates(book.field, [item.pk for item in found])
    rows = [(item, services.item_light(item, statuses=statuses, milestones=dates.get(item.pk, [])))
            for item in found]
    wanted = request.GET.get("light")
    if wanted in LIGHT_LABELS:
        rows = [r for r in rows if r[1] == wanted]
    return LedgerRows(book, plan, rows, query)


def _ledger_page(request: HttpRequest, kind: str, status: int = 200) -> HttpResponse:
    found = _ledger_rows(request, kind)
    rows = found.rows
    counts = {key: sum(1 for _, x in rows if x == key) for key in LIGHT_LABELS}
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [item for item, _ in page.object_list]
    prefetch_related_objects(shown, "notices", "milestones")  # this page's only
    for item in shown:
        item.from_indicator = services.linked_indicator(item)
        item.cells = [(f["shown"], bool(f["unit"])) for f in _project_fields(item)] if kind == "projects" else []
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(request, "web/ledger.html", {
        "kind": kind, "title": found.book.title, "heading": found.book.heading, "plan": found.plan,
        "rows": page.object_list, "page": page, "total": len(rows), "query": found.query,
        "filters": keep.urlencode(), "counts": counts, "columns": PROJECT_COLUMNS if kind == "projects" else {},
        "labels": LIGHT_LABELS, "departments": Department.objects.all(), "may_review": can_review(request.user),
        "may_report": {item.pk for item, _ in page.object_list if can_report(request.user, item)},
        "may_import": kind == "projects" and role_of(request.user) in (Role.ADMIN, Role.REPORTER),
        "today": timezone.localdate() + dt.timedelta(days=14), "now": timezone.localdate(),
        "simulated": any(item.progress_simulated for item, _ in rows)}, status=status)


@login_required
def ledger(request: HttpRequest, kind: str) -> HttpResponse:
    return _ledger_page(request, kind)


@login_required
def ledger_export(request: HttpRequest, kind: str) -> HttpResponse:
    """导出Excel: the rows the page shows with the same filters, all pages."""
    require(can_read_ledger(request.user), gettext("没有查看台账的权限"))
    found = _ledger_rows(request, kind)
    return xlsx(sheets.export(kind, found.rows), f"{found.book.title}.xlsx")


@login_required
@require_POST
def project_import(request: HttpRequest) -> HttpResponse:
    """导入重大项目台账 (.xlsx): all rows or none; every bad cell named, 400 and nothing written."""
    from ...core.errors import InputError

    require(role_of(request.user) in (Role.ADMIN, Role.REPORTER), gettext("只有发改局管理员和牵头单位可以导入项目台账"))
    upload = uploaded(request)
    if upload is None:
        return _ledger_page(request, "projects", status=400)
    try:
        n = sheets.import_projects(request.user, requested_plan(request), upload[0])
    except InputError as exc:
        messages.error(request, str(exc))
        return _ledger_page(request, "projects", status=400)
    except PermissionDenied as exc:
        return denied(request, str(exc))
    messages.success(request, gettext("已导入：%(n)s个项目的信息有变化") % {"n": n})
    return back(request, reverse("ledger", kwargs={"kind": "projects"}))


def _act(request: HttpRequest, action: Callable[[], str], bad_input: str, done: HttpResponse) -> HttpResponse:
    """Run a ledger action: its message on success, the person's own words on a refusal, 403 when not allowed."""
    try:
        messages.success(request, action())
    except ValueError:
        messages.error(request, bad_input)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        return denied(request, str(exc))
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

    return _act(request, update, gettext("进度应为 0 到 100 的整数"), back(request, reverse("ledger", kwargs={"kind": kind})))


@login_required
@require_POST
def notice(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)

    def issue() -> str:
        notice = services.issue_notice(request.user, item, request.POST.get("reason", ""),
                                       _date(request.POST.get("reply_due")), request.FILES.getlist("files"))
        return gettext("已向%(department)s下发督办单%(number)s") % {"department": item.lead, "number": notice.number}

    return _act(request, issue, gettext("答复时限应为日期"), back(request, reverse("ledger", kwargs={"kind": kind})))


def _item(request: HttpRequest, kind: str, pk: int) -> Any:
    """The task, project or commitment the URL names, for those who may read the ledger (403 for others)."""
    book = _ledger(kind)
    item = get_object_for_user(request, book.model, pk, queryset=book.model.objects.select_related(
        "lead", "node", "plan", *book.related))
    return item


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
        "max_mb": settings.EVIDENCE_MAX_BYTES // 1048576, "simulated": item.progress_simulated,
        "fields": _project_fields(item) if kind == "projects" else [],
        "indicator": services.linked_indicator(item)}, status=status)


def _project_fields(project: Any) -> list[dict[str, str]]:
    """The project-office columns of a project (select ``details`` for many): heading, unit, the value shown
    (amounts with thousands separators, — for none) and the value in the form."""
    try:
        details = project.details
    except ProjectDetails.DoesNotExist:
        details = None
    out = []
    for name, (heading, unit) in PROJECT_COLUMNS.items():
        value = getattr(details, name) if details is not None else None
        kind = ProjectDetails._meta.get_field(name).get_internal_type()
        out.append({"name": name, "heading": heading, "unit": unit, "shown": amount(value) if kind == "DecimalField" else value.isoformat() if kind == "DateField" and value
                    else str(value or "—"),
                    "input": "date" if kind == "DateField" else "text",
                    "raw": "" if value is None else value.isoformat() if kind == "DateField" else
                    f"{value.normalize():f}" if kind == "DecimalField" else str(value)})
    return out


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
        return denied(request, str(exc))
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


def _notices() -> Any:
    return SupervisionNotice.objects.select_related(
        "department", "indicator", "issued_by", "replied_by", *(k.field for k in KINDS.values())
    ).prefetch_related("events__actor", "attachments")


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    """督办单: all of them for the admin and the 领导, a department's own for its reporters."""
    rows = visible_notices(request.user, _notices())
    return render(request, "web/notices.html", {"notices": rows, "may_review": can_review(request.user),
                                                 "today": timezone.localdate()})


def _notice(request: HttpRequest, pk: int) -> SupervisionNotice:
    notice: SupervisionNotice = get_object_for_user(request, SupervisionNotice, pk, queryset=_notices())
    return notice


@login_required
def notice_page(request: HttpRequest, pk: int) -> HttpResponse:
    """督办单 page: the notice, its attachments and history, and the reply form for its 承办单位."""
    n = _notice(request, pk)
    return render(request, "web/notice.html", {
        "n": n, "may_reply": n.status == NoticeStatus.ISSUED and can_answer_notice(request.user, n),
        "may_close": n.status == NoticeStatus.ANSWERED and can_review(request.user), "today": timezone.localdate(),
        "max_mb": settings.EVIDENCE_MAX_BYTES // 1048576})


@login_required
def notice_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable notice (GB/T 9704-like: 发文机关标志, 文号, title, 主送, body, 落款, 日期), no navigation."""
    n = _notice(request, pk)
    return render(request, "web/notice_print.html", {"n": n, "office": settings.PLANWATCH_OFFICE_NAME})


@login_required
def notice_file(request: HttpRequest, aid: int) -> HttpResponse:
    """下载督办单附件: those who may read the notice."""
    attachment = get_object_or_404(NoticeAttachment, pk=aid)
    _notice(request, attachment.notice_id)
    try:
        fh = default_storage.open(attachment.stored, "rb")
    except FileNotFoundError as exc:
        raise Http404(gettext("文件已丢失，请联系管理员")) from exc
    return FileResponse(fh, as_attachment=True, filename=attachment.name, content_type=media_type(attachment.kind))


@login_required
@require_POST
def notice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        if action == "reply":
            services.reply_notice(request.user, pk, request.POST.get("reply", ""), request.FILES.getlist("files"))
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
        return denied(request, str(exc))
    return back(request, "notices")


@login_required
def department(request: HttpRequest, pk: int) -> HttpResponse:
    """部门页: the items a department leads, their status, and its 考核 score with its parts."""
    dept = get_object_or_404(Department, pk=pk)
    plan = requested_plan(request)
    (found,), simulated = services.assessments(plan, [dept])
    if wants_xlsx(request):
        text = caption(plan.title, plan.region.name, f"{services.assessment_year(plan)}年", dept.name,
                       simulated=simulated)  # the first row says what the table is, as on every export
        return xlsx(table_xlsx(dept.name, ["灯号", "事项", "台账", "位置", "进度（%）", "时限"], [
            [LIGHT_LABELS[light], str(x), ledger_of(x).title, services.place_of(x), x.progress,
             x.due or "规划期末"] for x, light in found.items], caption=text), f"{dept.name}.xlsx")
    return render(request, "web/department.html", {
        "dept": dept, "plan": plan, "as_of": services.assessment_year(plan), "results": found.indicators,
        "items": found.items, "score": found.score, "a": found, "notices": found.open_notices,
        "simulated": simulated, "labels": LIGHT_LABELS})


RANKING_HEADER = ["名次", "部门", "考核得分", "指标得分", "指标项数", "台账得分", "台账项数", "绿灯", "黄灯", "红灯",
                  "逾期未答复督办单（件）", "扣分"]


@login_required
def departments(request: HttpRequest) -> HttpResponse:
    """考核排名: every department that leads something in the plan, best score first, with the score's parts."""
    require(can_read_ledger(request.user), gettext("没有查看考核结果的权限"))
    plan = requested_plan(request)
    ranked, simulated = services.assessments(plan)
    if wants_xlsx(request):
        text = caption(plan.title, plan.region.name, f"{services.assessment_year(plan)}年", "考核排名",
                       simulated=simulated)
        return xlsx(table_xlsx("考核排名", RANKING_HEADER, [
            [i, a.department.name, a.score.total, _round(a.score.indicator_part), len(a.indicators),
             _round(a.score.ledger_part), len(a.items), *a.lights().values(), a.overdue_notices, a.score.deduction]
            for i, a in enumerate(ranked, start=1)], caption=text), "考核排名.xlsx")
    return render(request, "web/departments.html", {
        "plan": plan, "ranked": ranked, "as_of": services.assessment_year(plan), "simulated": simulated,
        "labels": LIGHT_LABELS, "weights": WEIGHTS, "deduction": OVERDUE_NOTICE_DEDUCTION})


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


@login_required
@require_POST
def project_details(request: HttpRequest, pk: int) -> HttpResponse:
    """修改项目信息 (总投资 … 建设单位): the lead unit's reporter or the admin; every field checked first."""
    item = _item(request, "projects", pk)

    def edit() -> str:
        changes = services.edit_project(request.user, item, {name: request.POST.get(name, "")
                                                             for name in PROJECT_COLUMNS})
        return gettext("项目信息已更新") if changes else gettext("项目信息没有变化")

    return _item_action(request, "projects", item, edit)
