"""Progress updates and the 督办单 pipeline (已下发 → 已答复 → 已办结), each write in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ...core.ledger import light
from ..accounts.permissions import can_report, can_review, department_of, require
from ..plans.models import Plan, Project, Task
from .models import NoticeStatus, ProgressUpdate, SupervisionNotice


def item_light(item: Task | Project, today: dt.date | None = None) -> str:
    plan: Plan = item.plan
    start = dt.date((plan.base_year or 2020) + 1, 1, 1)
    deadline = item.deadline or dt.date(plan.end_year or start.year + 4, 12, 31)
    return light(item.progress, deadline, today or timezone.localdate(), start)


@transaction.atomic
def update_progress(user: Any, item: Task | Project, progress: int, note: str) -> None:
    require(can_report(user, item), f"只有牵头单位（{item.lead or '未指定'}）可以更新进展")
    if not 0 <= progress <= 100:
        raise ValidationError("进度应在 0 到 100 之间")
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    ProgressUpdate.objects.create(task=locked if isinstance(locked, Task) else None,
                                  project=locked if isinstance(locked, Project) else None, actor=user,
                                  old_progress=locked.progress, new_progress=progress, note=note[:500])
    locked.progress, locked.progress_note, locked.progress_updated = progress, note[:500], timezone.now()
    locked.save(update_fields=["progress", "progress_note", "progress_updated"])


@transaction.atomic
def issue_notice(user: Any, item: Any, reason: str, reply_due: dt.date) -> SupervisionNotice:
    require(can_review(user), "只有发改局管理员可以下发督办单")
    if item.lead is None:
        raise ValidationError("该事项尚未指定牵头单位，无法下发督办单")
    if not reason.strip():
        raise ValidationError("请写明督办事由")
    field = {"Task": "task", "Project": "project", "Indicator": "indicator"}[type(item).__name__]
    return SupervisionNotice.objects.create(department=item.lead, reason=reason.strip(), reply_due=reply_due,
                                            issued_by=user, **{field: item})


@transaction.atomic
def reply_notice(user: Any, notice_id: int, reply: str) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice_id)
    require(department_of(user) == notice.department or can_review(user), "只有承办单位可以答复督办单")
    if notice.status != NoticeStatus.ISSUED:
        raise ValidationError(f"督办单处于“{notice.get_status_display()}”状态，不能再答复")
    if not reply.strip():
        raise ValidationError("答复内容不能为空")
    notice.reply, notice.replied_by, notice.replied_at = reply.strip(), user, timezone.now()
    notice.status = NoticeStatus.ANSWERED
    notice.save()
    return notice


@transaction.atomic
def close_notice(user: Any, notice_id: int) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice_id)
    require(can_review(user), "只有发改局管理员可以办结督办单")
    if notice.status != NoticeStatus.ANSWERED:
        raise ValidationError("督办单答复后才能办结")
    notice.status, notice.closed_at = NoticeStatus.CLOSED, timezone.now()
    notice.save()
    return notice


def overdue(notices: Any, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return sum(1 for n in notices if n.status == NoticeStatus.ISSUED and n.reply_due < today)
