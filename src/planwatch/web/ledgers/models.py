"""任务台账 / 重大项目台账 history, 里程碑 (milestones), 佐证材料 (evidence) and 督办单 (supervision notices)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from ..accounts.models import Department
from ..plans.models import Indicator, Project, Task


class ProgressUpdate(models.Model):
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="updates")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="updates")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    old_progress = models.PositiveSmallIntegerField()
    new_progress = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "进展记录"
        ordering = ["at", "id"]


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", "已下发"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"


class SupervisionNotice(models.Model):
    """督办单: issued by the 发改局 to an item's lead unit, tracked until answered and closed."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="notices")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="notices")
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="notices")
    department = models.ForeignKey(Department, verbose_name="承办单位", on_delete=models.PROTECT)
    reason = models.TextField("督办事由")
    reply_due = models.DateField("答复时限")
    status = models.CharField("状态", max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    reply = models.TextField("答复", blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["-issued_at", "-id"]

    @property
    def subject(self) -> str:
        item = self.task or self.project or self.indicator
        return str(getattr(item, "title", None) or getattr(item, "name", ""))


def _one_item(name: str) -> models.CheckConstraint:
    """A row belongs to exactly one task or one project."""
    return models.CheckConstraint(
        condition=models.Q(task__isnull=False, project__isnull=True) | models.Q(task__isnull=True,
                                                                               project__isnull=False),
        name=name)


class Milestone(models.Model):
    """里程碑: a dated checkpoint of a task or project, set and marked done by its lead unit or the 发改局."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField("里程碑", max_length=200)
    planned = models.DateField("计划日期")
    done = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "里程碑"
        ordering = ["planned", "id"]
        constraints = [_one_item("milestone_of_one_item")]

    def __str__(self) -> str:
        return f"{self.name}（{self.planned}）"

    def overdue(self, today: dt.date) -> bool:
        return self.done is None and self.planned < today


class Evidence(models.Model):
    """佐证材料: a file uploaded to a task or project, stored under a generated name in MEDIA_ROOT."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField("文件名", max_length=255)  # as the uploader called it, for display and download
    stored = models.CharField(max_length=100, unique=True)  # evidence/<random>.<ext> under MEDIA_ROOT
    kind = models.CharField("类型", max_length=10)  # sniffed from the content: pdf, docx, xlsx, jpeg, png
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["uploaded_at", "id"]
        constraints = [_one_item("evidence_of_one_item")]

    def __str__(self) -> str:
        return self.name


class EventAction(models.TextChoices):
    MILESTONE_ADDED = "milestone_added", "新增里程碑"
    MILESTONE_DONE = "milestone_done", "里程碑完成"
    EVIDENCE_UPLOADED = "evidence_uploaded", "上传佐证材料"
    EVIDENCE_DELETED = "evidence_deleted", "删除佐证材料"


class LedgerEvent(models.Model):
    """History of milestones and evidence on an item: who, when, what. Kept when the evidence is deleted."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=EventAction.choices)
    detail = models.CharField(max_length=500)

    class Meta:
        verbose_name = verbose_name_plural = "台账操作记录"
        ordering = ["at", "id"]
        constraints = [_one_item("event_of_one_item")]
