"""任务台账 / 重大项目台账 history and 督办单 (supervision notices)."""

from __future__ import annotations

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
