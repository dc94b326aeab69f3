"""Reported values and their history. A value moves through 草稿 → 已提交 → 已审核 / 退回 → 已发布;
every move and every change writes an :class:`ObservationEvent` (who, when, old, new, why)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from ..accounts.models import Region
from ..plans.models import Indicator


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "退回"
    PUBLISHED = "published", "已发布"


class Flag(models.TextChoices):
    FINAL = "final", "全年"
    EXPECTED = "expected", "预计数"
    PARTIAL = "partial", "部分年度"


class ReportingRound(models.Model):
    """A 填报轮次 for one year's values: open until its deadline, or until the admin's reopening ends."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField("数据年份")
    name = models.CharField("名称", max_length=100)
    deadline = models.DateField("截止日期")
    reopened_until = models.DateField("重新开放至", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "填报轮次"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="one_round_per_year")]

    def __str__(self) -> str:
        return self.name

    def open_until(self) -> dt.date:
        return max(self.deadline, self.reopened_until or self.deadline)


class Observation(models.Model):
    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.CASCADE, related_name="observations")
    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("年份")
    value = models.FloatField("数值")
    flag = models.CharField("口径", max_length=10, choices=Flag.choices, default=Flag.FINAL)
    period = models.CharField("期间（原文）", max_length=30, blank=True)
    source = models.CharField("来源", max_length=300, blank=True)
    simulated = models.BooleanField("模拟数据", default=False)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    comment = models.TextField("说明", blank=True)
    version = models.PositiveIntegerField("版本", default=1)  # optimistic locking: a stale form cannot overwrite
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "监测数据"
        ordering = ["indicator", "region", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "region", "year", "source"],
                                               name="one_value_per_source")]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.region} {self.year}: {self.value:g}"


class ObservationEvent(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL)
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField("原状态", max_length=12, blank=True)
    to_status = models.CharField("新状态", max_length=12)
    old_value = models.FloatField("原数值", null=True)
    new_value = models.FloatField("新数值", null=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["at", "id"]

    ACTIONS = {"create": "新建", "edit": "修改", "submit": "提交", "approve": "审核通过", "return": "退回",
               "publish": "发布"}

    @property
    def action_label(self) -> str:
        return self.ACTIONS.get(self.action, self.action)

    @property
    def from_label(self) -> str:
        return Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Status(self.to_status).label
