"""Progress updates, milestones and evidence of tasks, projects and commitments, and the 督办单 pipeline (已下发 → 已答复 → 已办结), each write in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ...core.attachments import attachment_kind, display_name, extension
from ...core.ledger import light
from ..accounts.models import Role
from ..accounts.permissions import can_answer_notice, can_delete_evidence, can_report, can_review, require
from ..limits import COMMENT_MAX, bounded, column_max
from ..plans.models import Commitment, Indicator, Plan, Project, Task
from .models import (
    EventAction,
    Evidence,
    LedgerEvent,
    Milestone,
    NoticeEvent,
    NoticeStatus,
    ProgressUpdate,
    SupervisionNotice,
    item_fields,
)

Item = Task | Project | Commitment


def item_light(item: Item, today: dt.date | None = None) -> str:
    plan: Plan = item.plan
    start = dt.date((plan.base_year or 2020) + 1, 1, 1)
    deadline = item.due or dt.date(plan.end_year or start.year + 4, 12, 31)
    milestones = [(m.planned, m.done) for m in item.milestones.all()]  # prefetch "milestones" for many items
    return light(item.progress, deadline, today or timezone.localdate(), start, milestones=milestones)


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


def add_evidence(user: Any, item: Item, upload: Any) -> Evidence:
    """上传佐证材料: permission first, then size and type from the content, then the file and its rows.

    The file is written under a generated name before the rows; if the rows cannot be written the file is
    removed again, so that a refusal or a failure leaves nothing behind."""
    import hashlib
    import secrets
    import tempfile
    from pathlib import Path

    from ...core.errors import InputError

    _lead_check(user, item, gettext_noop("只有牵头单位（%(lead)s）或发改局管理员可以上传佐证材料"))
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
            stored = default_storage.save(f"evidence/{secrets.token_hex(16)}{extension(kind)}", File(fh))
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(name=name, stored=stored, kind=kind, size=size,
                                               sha256=digest.hexdigest(), uploaded_by=user, **item_fields(item))
            LedgerEvent.objects.create(actor=user, action=EventAction.EVIDENCE_UPLOADED,
                                       detail=f"{name}（{kind.upper()}，{_size(size)}）", **item_fields(item))
    except BaseException:
        default_storage.delete(stored)
        raise
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


@transaction.atomic
def issue_notice(user: Any, item: Any, reason: str, reply_due: dt.date) -> SupervisionNotice:
    _check_move(user, SupervisionNotice(), NoticeStatus.ISSUED)
    if item.lead is None:
        raise ValidationError(gettext("该事项尚未指定牵头单位，无法下发督办单"))
    if not reason.strip():
        raise ValidationError(gettext("请写明督办事由"))
    bounded(reason.strip(), COMMENT_MAX, gettext("督办事由"))
    about = {"indicator": item} if isinstance(item, Indicator) else item_fields(item)
    notice = SupervisionNotice(department=item.lead, reason=reason.strip(), reply_due=reply_due, issued_by=user,
                               **about)
    _record_move(user, notice, NoticeStatus.ISSUED, notice.reason)
    return notice


@transaction.atomic
def reply_notice(user: Any, notice_id: int, reply: str) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice_id)
    _check_move(user, notice, NoticeStatus.ANSWERED)
    if not reply.strip():
        raise ValidationError(gettext("答复内容不能为空"))
    bounded(reply.strip(), COMMENT_MAX, gettext("答复"))
    notice.reply, notice.replied_by, notice.replied_at = reply.strip(), user, timezone.now()
    _record_move(user, notice, NoticeStatus.ANSWERED, notice.reply)
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
