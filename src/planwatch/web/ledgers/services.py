"""Progress updates, milestones and evidence of tasks, projects and commitments, and the 督办单 pipeline (已下发 → 已答复 → 已办结), each write in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ...core.attachments import attachment_kind, display_name, extension
from ...core.evaluation import Evaluation
from ...core.ledger import LIGHT_LABELS, IndicatorRef, Score, assessment_score, light, light_of_status, match_indicator
from ...core.locations import location
from ..accounts.models import Department, Role
from ..accounts.permissions import can_answer_notice, can_delete_evidence, can_report, can_review, require
from ..limits import COMMENT_MAX, bounded, column_max
from ..plans.models import Commitment, Indicator, Plan, Project, Task
from .models import (
    KINDS,
    CommitmentLink,
    EventAction,
    Evidence,
    LedgerEvent,
    Milestone,
    NoticeAttachment,
    NoticeCounter,
    NoticeEvent,
    NoticeStatus,
    ProgressUpdate,
    ProjectDetails,
    SupervisionNotice,
    item_fields,
)

Item = Task | Project | Commitment


def assessment_year(plan: Plan) -> int:
    """The year the ledgers, the department pages and the 考核 ranking judge: the plan's current year, as every
    page without ``?as_of=`` (web.params.scope)."""
    return plan.current_year


def indicator_statuses(plan: Plan) -> dict[int, str]:
    """Indicator number → status code as staff see it in :func:`assessment_year` (one cached evaluation)."""
    from ..monitoring.services import evaluate_plan

    results, _simulated = evaluate_plan(plan, assessment_year(plan), public=False)
    return {e.no: e.status for e in results}


def linked_indicator(item: Item) -> Indicator | None:
    """The indicator a commitment takes its status from (see :class:`CommitmentLink`), else None.
    Select ``link__indicator`` for many commitments."""
    if not isinstance(item, Commitment):
        return None
    try:
        return item.link.indicator
    except CommitmentLink.DoesNotExist:
        return None


def link_commitments(plan: Plan) -> int:
    """Store the indicator link of every commitment of ``plan`` that has none yet, matched by
    ``core.ledger.match_indicator`` (a row without an indicator records "no match", so each commitment is
    matched once; the admin may change it later). Run when a plan is imported (ledgers.signals) and by
    migration 0005 for the plans before it; never by a page. Returns how many rows were written."""
    todo = list(Commitment.objects.filter(plan=plan, link__isnull=True))
    if not todo:
        return 0
    refs = [IndicatorRef(i.pk, i.name, i.unit, i.target_raw, i.growth_raw) for i in plan.indicators.all()]
    rows = [CommitmentLink(commitment=c, indicator_id=match_indicator(c.quantity, c.value, c.unit, refs))
            for c in todo]
    CommitmentLink.objects.bulk_create(rows, ignore_conflicts=True)  # another request may have matched them
    return len(rows)


def item_light(item: Item, today: dt.date | None = None, statuses: dict[int, str] | None = None,
               milestones: list[tuple[dt.date, dt.date | None]] | None = None) -> str:
    """The item's light: a commitment linked to an indicator takes it from the indicator's status
    (``statuses``: :func:`indicator_statuses`, computed here when not given) unless that status scores nothing
    (无量化目标); every other item from its progress, time and milestones (core.ledger.light; ``milestones``:
    :func:`milestone_dates` for many items, else read here)."""
    indicator = linked_indicator(item)
    if indicator is not None:
        code = (statuses if statuses is not None else indicator_statuses(item.plan)).get(indicator.no)
        from_indicator = light_of_status(code) if code else None
        if from_indicator is not None:
            return from_indicator
    plan: Plan = item.plan
    start = dt.date((plan.base_year or 2020) + 1, 1, 1)
    deadline = item.due or dt.date(plan.end_year or start.year + 4, 12, 31)
    if milestones is None:
        milestones = [(m.planned, m.done) for m in item.milestones.all()]
    return light(item.progress, deadline, today or timezone.localdate(), start, milestones=milestones)


def milestone_dates(field: str, ids: list[int]) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """(planned, done) of the milestones of many items of one ledger (``field``: task, project, commitment), by
    item id: one query of three columns, for :func:`item_light` on a whole ledger."""
    out: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for item_id, planned, done in Milestone.objects.filter(**{f"{field}_id__in": ids}).values_list(
            f"{field}_id", "planned", "done"):
        out.setdefault(item_id, []).append((planned, done))
    return out


def ledger_items(book: Any, plan: Plan, items: Any, shown: bool = True) -> list[Item]:
    """A ledger's items of ``plan`` with what the ledger selects; the plan and the lead unit set on each from
    one row each (not joined 200 times); ``shown``: with ``place``, where it sits in the plan in words
    (core.locations, from the node's id alone), for the page; else without long texts (enough for lights and
    scores)."""
    if shown:
        items = items.select_related(*book.related).annotate(node_code=F("node__node_id"))
    else:
        long_texts = [f.name for f in book.model._meta.fields if f.get_internal_type() == "TextField"]
        items = items.select_related(*book.related).defer(*long_texts)
    departments = {d.pk: d for d in Department.objects.all()}
    rows = list(items.order_by("id"))
    for row in rows:
        row.plan = plan
        row.lead = departments.get(row.lead_id)
        if shown:
            row.place = location(row.node_code)
    return rows


def place_of(item: Item) -> str:
    """Where the item sits in its plan, in words (第二章第一节): set by :func:`ledger_items`, else from its node."""
    return getattr(item, "place", None) or location(item.node.node_id)


@dataclass(frozen=True)
class Assessment:
    """A department's 考核: what it leads, as judged, and its score (core.ledger.assessment_score)."""

    department: Department
    indicators: list[Evaluation]
    items: list[tuple[Item, str]]  # (task, project or commitment, its light)
    open_notices: list[SupervisionNotice]
    overdue_notices: int
    score: Score

    def lights(self) -> dict[str, int]:
        return {key: sum(1 for _, x in self.items if x == key) for key in LIGHT_LABELS}


def assessments(plan: Plan, departments: list[Department] | None = None) -> tuple[list[Assessment], bool]:
    """考核 of ``departments`` (default: every department that leads an indicator or ledger item of ``plan``),
    best score first, and whether simulated values were used. The one place the score's inputs are gathered:
    the department page and the ranking page both read it."""
    from ..monitoring.services import evaluate_plan

    results, simulated = evaluate_plan(plan, assessment_year(plan), public=False)
    statuses = {e.no: e.status for e in results}
    lead_of_indicator = dict(plan.indicators.values_list("no", "lead_id"))
    items: dict[int, list[tuple[Item, str]]] = {}
    for book in KINDS.values():
        rows = book.model.objects.filter(plan=plan, lead__isnull=False)
        if departments is not None:
            rows = rows.filter(lead__in=departments)
        found = ledger_items(book, plan, rows, shown=departments is not None)  # the ranking shows no items
        dates = milestone_dates(book.field, [x.pk for x in found])
        for x in found:
            items.setdefault(x.lead_id, []).append((x, item_light(x, statuses=statuses,
                                                                  milestones=dates.get(x.pk, []))))
    if departments is None:
        led = set(items) | {d for d in lead_of_indicator.values() if d is not None}
        departments = list(Department.objects.filter(pk__in=led))
    notices: dict[int, list[SupervisionNotice]] = {}
    for n in SupervisionNotice.objects.filter(department__in=departments).exclude(status=NoticeStatus.CLOSED):
        notices.setdefault(n.department_id, []).append(n)
    out = []
    for dept in departments:
        mine = [e for e in results if lead_of_indicator.get(e.no) == dept.pk]
        led_items = items.get(dept.pk, [])
        open_notices = notices.get(dept.pk, [])
        late = overdue(open_notices)
        out.append(Assessment(dept, mine, led_items, open_notices, late,
                              assessment_score([e.status for e in mine], [x for _, x in led_items], late)))
    out.sort(key=lambda a: (-a.score.total, a.department.name))
    return out, simulated


def _lead_check(user: Any, item: Item, refusal: str) -> None:
    """``refusal``: the untranslated message (with ``%(lead)s``), translated here, inside the request."""
    require(can_report(user, item), gettext(refusal) % {"lead": item.lead or gettext("未指定")})


@transaction.atomic
def add_milestone(user: Any, item: Item, name: str, planned: dt.date | None, note: str = "") -> Milestone:
    """新增里程碑: the lead unit's reporter or the admin; written with its history row."""
    _lead_check(user, item, gettext_noop("只有牵头单位（%(lead)s）或发改局管理员可以设置里程碑"))
    name = " ".join(name.split())
    if not name:
        raise ValidationError(gettext("请填写里程碑名称"))
    if len(name) > 200:
        raise ValidationError(gettext("里程碑名称不能超过200个字"))
    if planned is None:
        raise ValidationError(gettext("请填写里程碑的计划日期（如 2025-06-30）"))
    note = bounded(note.strip(), column_max(Milestone, "note"), gettext("备注"))
    milestone = Milestone.objects.create(name=name, planned=planned, note=note, created_by=user,
                                         **item_fields(item))
    LedgerEvent.objects.create(actor=user, action=EventAction.MILESTONE_ADDED,
                               detail=f"{name}，计划{planned.isoformat()}", **item_fields(item))
    return milestone


@transaction.atomic
def complete_milestone(user: Any, item: Item, milestone_id: int, done: dt.date | None,
                       today: dt.date | None = None) -> Milestone:
    """标记里程碑完成 on a given day (not in the future); a milestone is completed once."""
    _lead_check(user, item, gettext_noop("只有牵头单位（%(lead)s）或发改局管理员可以标记里程碑完成"))
    milestone = Milestone.objects.select_for_update().get(pk=milestone_id, **item_fields(item))
    if milestone.done is not None:
        raise ValidationError(gettext("里程碑“%(name)s”已于%(date)s完成") % {
            "name": milestone.name, "date": milestone.done.isoformat()})
    if done is None:
        raise ValidationError(gettext("请填写完成日期（如 2025-06-30）"))
    if done > (today or timezone.localdate()):
        raise ValidationError(gettext("完成日期不能晚于今天"))
    milestone.done = done
    milestone.save(update_fields=["done"])
    LedgerEvent.objects.create(actor=user, action=EventAction.MILESTONE_DONE,
                               detail=f"{milestone.name}，{done.isoformat()}完成（计划{milestone.planned.isoformat()}）",
                               **item_fields(item))
    return milestone


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB"


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file checked and written under a generated name in MEDIA_ROOT, its rows not yet written."""

    name: str  # as the uploader called it
    stored: str  # <folder>/<random>.<ext> under MEDIA_ROOT
    kind: str  # sniffed from the content
    size: int
    sha256: str


def store_upload(upload: Any, folder: str = "evidence") -> StoredFile:
    """Check an upload — size (EVIDENCE_MAX_BYTES), then the type from its content (core.attachments) — and
    write it under a generated name. The one home of these checks, for 佐证材料 and 督办单附件; the caller
    writes its rows inside :func:`kept_if_written`, which removes the file again when they cannot be written."""
    import hashlib
    import secrets
    import tempfile
    from pathlib import Path

    from ...core.errors import InputError

    limit: int = settings.EVIDENCE_MAX_BYTES
    if upload is None:
        raise ValidationError(gettext("请选择要上传的文件"))
    name = display_name(upload.name or "")
    if upload.size is not None and upload.size > limit:
        raise ValidationError(gettext("%(name)s: 文件大小 %(size)s MB 超过上限 %(limit)s MB") % {
            "name": name, "size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"})
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory(prefix="planwatch-evidence-") as tmp:
        path = Path(tmp) / "upload"
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                digest.update(chunk)
                fh.write(chunk)
        try:
            kind = attachment_kind(path, name, limit)
        except InputError as exc:
            raise ValidationError(str(exc)) from exc
        size = path.stat().st_size
        with path.open("rb") as fh:
            stored = default_storage.save(f"{folder}/{secrets.token_hex(16)}{extension(kind)}", File(fh))
    return StoredFile(name, stored, kind, size, digest.hexdigest())


@contextmanager
def kept_if_written(files: list[StoredFile]) -> Iterator[None]:
    """Write rows for ``files`` in one transaction; if that fails, the files are removed from storage."""
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for f in files:
            default_storage.delete(f.stored)
        raise


def add_evidence(user: Any, item: Item, upload: Any) -> Evidence:
    """上传佐证材料: permission first, then size and type from the content, then the file and its rows.

    The file is written under a generated name before the rows; if the rows cannot be written the file is
    removed again, so that a refusal or a failure leaves nothing behind."""
    _lead_check(user, item, gettext_noop("只有牵头单位（%(lead)s）或发改局管理员可以上传佐证材料"))
    f = store_upload(upload)
    with kept_if_written([f]):
        evidence = Evidence.objects.create(name=f.name, stored=f.stored, kind=f.kind, size=f.size,
                                           sha256=f.sha256, uploaded_by=user, **item_fields(item))
        LedgerEvent.objects.create(actor=user, action=EventAction.EVIDENCE_UPLOADED,
                                   detail=f"{f.name}（{f.kind.upper()}，{_size(f.size)}）", **item_fields(item))
    return evidence


@transaction.atomic
def delete_evidence(user: Any, item: Item, evidence_id: int) -> str:
    """删除佐证材料: the uploader or the admin. The history row stays; the file goes once the rows are gone."""
    evidence = Evidence.objects.select_for_update().get(pk=evidence_id, **item_fields(item))
    require(can_delete_evidence(user, evidence), gettext("只有上传者本人或发改局管理员可以删除佐证材料"))
    LedgerEvent.objects.create(actor=user, action=EventAction.EVIDENCE_DELETED,
                               detail=f"{evidence.name}（{evidence.kind.upper()}，{_size(evidence.size)}）",
                               **item_fields(item))
    stored = evidence.stored
    evidence.delete()
    transaction.on_commit(lambda: default_storage.delete(stored))
    return evidence.name


@transaction.atomic
def update_progress(user: Any, item: Item, progress: int, note: str) -> None:
    _lead_check(user, item, gettext_noop("只有牵头单位（%(lead)s）可以更新进展"))
    if not 0 <= progress <= 100:
        raise ValidationError(gettext("进度应在 0 到 100 之间"))
    bounded(note, column_max(ProgressUpdate, "note"), gettext("进展说明"))
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    ProgressUpdate.objects.create(actor=user, old_progress=locked.progress, new_progress=progress, note=note,
                                  **item_fields(locked))
    locked.progress, locked.progress_note, locked.progress_updated = progress, note, timezone.now()
    locked.save(update_fields=["progress", "progress_note", "progress_updated"])


@dataclass(frozen=True)
class NoticeMove:
    """One allowed move of a 督办单: who may make it (Role.ADMIN: the 发改局 admin, ``can_review``;
    Role.REPORTER: a 填报员 of the notice's 承办单位 or the admin, ``can_answer_notice``) and the untranslated
    refusals for anyone else and for a notice in another status."""

    who: Role
    refusal: str
    wrong_status: str


# from → allowed to, with who may make the move ("": not issued yet). The only way a notice's status changes.
NOTICE_PIPELINE: dict[str, dict[str, NoticeMove]] = {
    "": {NoticeStatus.ISSUED: NoticeMove(Role.ADMIN, gettext_noop("只有发改局管理员可以下发督办单"), "")},
    NoticeStatus.ISSUED: {NoticeStatus.ANSWERED: NoticeMove(
        Role.REPORTER, gettext_noop("只有承办单位可以答复督办单"), gettext_noop("督办单处于“%(status)s”状态，不能再答复"))},
    NoticeStatus.ANSWERED: {NoticeStatus.CLOSED: NoticeMove(
        Role.ADMIN, gettext_noop("只有发改局管理员可以办结督办单"), gettext_noop("督办单答复后才能办结"))},
}


def _check_move(user: Any, notice: SupervisionNotice, to: str) -> None:
    """May ``user`` move ``notice`` from its status (or, not saved yet, from "") to ``to``? Who first, then from
    which status; checked before any field of the form is read."""
    move = next(m[to] for m in NOTICE_PIPELINE.values() if to in m)
    require(can_answer_notice(user, notice) if move.who == Role.REPORTER else can_review(user), gettext(move.refusal))
    old = notice.status if notice.pk else ""
    if to not in NOTICE_PIPELINE.get(old, {}):
        raise ValidationError(gettext(move.wrong_status) % {"status": gettext(NoticeStatus(old).label)})


def _record_move(user: Any, notice: SupervisionNotice, to: str, note: str = "") -> None:
    """Save ``notice`` (checked by :func:`_check_move`) with its new status ``to`` and write the move's
    :class:`NoticeEvent`, in the caller's transaction."""
    old = notice.status if notice.pk else ""
    notice.status = to
    notice.save()
    NoticeEvent.objects.create(notice=notice, actor=user, from_status=old, to_status=to, note=note)


def _next_number(year: int) -> int:
    """The next 督办单 number of ``year``: the year's counter row is locked until the caller's transaction ends,
    so two notices issued at once get two numbers (and the unique constraint guards the rest)."""
    NoticeCounter.objects.get_or_create(year=year)
    counter = NoticeCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _attach(user: Any, notice: SupervisionNotice, files: list[StoredFile]) -> None:
    NoticeAttachment.objects.bulk_create([NoticeAttachment(
        notice=notice, name=f.name, stored=f.stored, kind=f.kind, size=f.size, sha256=f.sha256, uploaded_by=user)
        for f in files])


def _stored(uploads: Any) -> list[StoredFile]:
    """Every upload checked and stored, or none: a refused file removes those stored before it."""
    files: list[StoredFile] = []
    try:
        for upload in uploads:
            files.append(store_upload(upload, "notices"))
    except BaseException:
        for f in files:
            default_storage.delete(f.stored)
        raise
    return files


def issue_notice(user: Any, item: Any, reason: str, reply_due: dt.date | None, uploads: Any = (),
                 today: dt.date | None = None) -> SupervisionNotice:
    """下发督办单: the admin, with a reply date of their choosing (today or later) and attachments; numbered
    (金普督〔年〕N号) in the transaction that creates it."""
    _check_move(user, SupervisionNotice(), NoticeStatus.ISSUED)
    if item.lead is None:
        raise ValidationError(gettext("该事项尚未指定牵头单位，无法下发督办单"))
    if not reason.strip():
        raise ValidationError(gettext("请写明督办事由"))
    bounded(reason.strip(), COMMENT_MAX, gettext("督办事由"))
    today = today or timezone.localdate()
    if reply_due is None:
        raise ValidationError(gettext("请填写答复时限（如 2026-06-30）"))
    if reply_due < today:
        raise ValidationError(gettext("答复时限不能早于今天"))
    files = _stored(uploads)
    with kept_if_written(files):
        about = {"indicator": item} if isinstance(item, Indicator) else item_fields(item)
        notice = SupervisionNotice(department=item.lead, reason=reason.strip(), reply_due=reply_due,
                                   issued_by=user, year=today.year, seq=_next_number(today.year), **about)
        _record_move(user, notice, NoticeStatus.ISSUED, notice.reason)
        _attach(user, notice, files)
    return notice


def reply_notice(user: Any, notice_id: int, reply: str, uploads: Any = ()) -> SupervisionNotice:
    """答复督办单: the 承办单位's reporter (or the admin), with attachments."""
    with transaction.atomic():  # who and which status first, before any file is stored
        _check_move(user, SupervisionNotice.objects.get(pk=notice_id), NoticeStatus.ANSWERED)
    if not reply.strip():
        raise ValidationError(gettext("答复内容不能为空"))
    bounded(reply.strip(), COMMENT_MAX, gettext("答复"))
    files = _stored(uploads)
    with kept_if_written(files):
        notice = SupervisionNotice.objects.select_for_update().get(pk=notice_id)
        _check_move(user, notice, NoticeStatus.ANSWERED)  # again under the lock: it may have moved meanwhile
        notice.reply, notice.replied_by, notice.replied_at = reply.strip(), user, timezone.now()
        _record_move(user, notice, NoticeStatus.ANSWERED, notice.reply)
        _attach(user, notice, files)
    return notice


@transaction.atomic
def close_notice(user: Any, notice_id: int) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice_id)
    _check_move(user, notice, NoticeStatus.CLOSED)
    notice.closed_at = timezone.now()
    _record_move(user, notice, NoticeStatus.CLOSED)
    return notice


def overdue(notices: Any, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return sum(1 for n in notices if n.status == NoticeStatus.ISSUED and n.reply_due < today)


def project_values(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The 重大项目 columns (models.PROJECT_COLUMNS) from what a form or a spreadsheet cell holds: amounts in
    亿元 (thousands commas allowed, not negative), dates (a date cell or YYYY-MM-DD), text within its column.
    Returns the values of the fields present and, per field, what is wrong (in Chinese). Blank clears."""
    from decimal import Decimal

    from ..params import as_number
    from .models import PROJECT_COLUMNS

    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, (heading, _unit) in PROJECT_COLUMNS.items():
        if name not in raw:
            continue
        cell = raw[name]
        text = "" if cell is None else str(cell).strip()
        field = ProjectDetails._meta.get_field(name)
        if not text:
            values[name] = None if field.null else ""
        elif field.get_internal_type() == "DecimalField":
            number = float(cell) if isinstance(cell, (int, float)) and not isinstance(cell, bool) else as_number(text)
            if number is None or number < 0 or number >= 1e8:
                errors[name] = gettext("“%(text)s”不是有效的金额（亿元，非负数）") % {"text": text[:30]}
            else:
                values[name] = Decimal(f"{number:.4f}")
        elif field.get_internal_type() == "DateField":
            if isinstance(cell, dt.datetime):
                values[name] = cell.date()
            elif isinstance(cell, dt.date):
                values[name] = cell
            else:
                try:
                    values[name] = dt.date.fromisoformat(text)
                except ValueError:
                    errors[name] = gettext("“%(text)s”不是日期（如 2026-06-30）") % {"text": text[:30]}
        else:
            limit = column_max(ProjectDetails, name)
            if len(text) > limit:
                errors[name] = gettext("%(heading)s不能超过%(n)s个字") % {"heading": gettext(heading), "n": limit}
            else:
                values[name] = text
    return values, errors


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def update_project(user: Any, project: Project, values: dict[str, Any]) -> list[str]:
    """Write checked :func:`project_values` of a project (its lead unit's reporter or the admin) with one
    台账操作记录 naming each change, in the caller's transaction (the form and the Excel import both come
    here). Returns the changes; nothing is written when nothing changed."""
    from .models import PROJECT_COLUMNS

    _lead_check(user, project, gettext_noop("只有牵头单位（%(lead)s）或发改局管理员可以修改项目信息"))
    details = ProjectDetails.objects.select_for_update().filter(project=project).first() or ProjectDetails(
        project=project)
    changes = []
    for name, value in values.items():
        old = getattr(details, name)
        if old != value:
            changes.append(f"{PROJECT_COLUMNS[name][0]}：{_shown(old)} → {_shown(value)}")
            setattr(details, name, value)
    if changes:
        details.updated_by = user
        details.save()
        LedgerEvent.objects.create(actor=user, action=EventAction.PROJECT_DETAILS,
                                   detail="；".join(changes)[:column_max(LedgerEvent, "detail")],
                                   **item_fields(project))
    return changes


@transaction.atomic
def edit_project(user: Any, project: Project, raw: dict[str, Any]) -> list[str]:
    """修改项目信息 from the form: every field checked first, nothing written when one is wrong."""
    _lead_check(user, project, gettext_noop("只有牵头单位（%(lead)s）或发改局管理员可以修改项目信息"))
    values, errors = project_values(raw)
    if errors:
        from .models import PROJECT_COLUMNS

        raise ValidationError([f"{gettext(PROJECT_COLUMNS[k][0])}：{v}" for k, v in errors.items()])
    return update_project(user, project, values)
