"""Reported values and their history. A value moves through 草稿 → 已提交 → 已审核 / 退回 → 已发布;
every move and every change writes an :class:`ObservationEvent` (who, when, old, new, why)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop

from ..accounts.models import Region
from ..history import AppendOnly
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


class Frequency(models.TextChoices):
    ANNUAL = "annual", "年度"
    QUARTERLY = "quarterly", "季度"
    MONTHLY = "monthly", "月度"


QUARTERS = (gettext_noop("第一季度"), gettext_noop("第二季度"), gettext_noop("第三季度"), gettext_noop("第四季度"))
# Observation.period of a value entered in a quarterly or monthly round; a full year's value has ""
_QUARTER_CODE = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH_CODE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def period_code(year: int, frequency: str, number: int) -> str:
    """The ``Observation.period`` of a round's values: ``""`` (a year), ``2026Q1``, ``2026-03``."""
    if frequency == Frequency.QUARTERLY:
        return f"{year}Q{number}"
    if frequency == Frequency.MONTHLY:
        return f"{year}-{number:02d}"
    return ""


def parse_period(code: str) -> tuple[int, str, int] | None:
    """(year, frequency, number) of a round's period code; None for a full year ("") and for period text
    as written in imported data (``1-9月``, ``全年``), which belongs to no quarterly or monthly round."""
    if match := _QUARTER_CODE.match(code or ""):
        return int(match[1]), Frequency.QUARTERLY, int(match[2])
    if match := _MONTH_CODE.match(code or ""):
        return int(match[1]), Frequency.MONTHLY, int(match[2])
    return None


def period_name(year: int, frequency: str, number: int, tr: Callable[[str], str] = str) -> str:
    """2026年第一季度 / 2026年3月 / 2026年度. ``tr=gettext`` gives the page language; the default is the
    Chinese that names stored rounds and goes into workflow messages."""
    if frequency == Frequency.QUARTERLY:
        return tr(gettext_noop("%(year)s年%(quarter)s")) % {"year": year, "quarter": tr(QUARTERS[number - 1])}
    if frequency == Frequency.MONTHLY:
        return tr(gettext_noop("%(year)s年%(month)s月")) % {"year": year, "month": number}
    return tr(gettext_noop("%(year)s年度")) % {"year": year}


def period_end(year: int, frequency: str, number: int) -> dt.date:
    """The last day of the period a round collects."""
    month = 3 * number if frequency == Frequency.QUARTERLY else number if frequency == Frequency.MONTHLY else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_into_year(code: str) -> int:
    """How far into its year a part-year period reaches (Q2 → 6, 2026-05 → 5; other text → 0), so that the
    latest part-year reading of a year can be preferred."""
    parsed = parse_period(code)
    if parsed is None:
        return 0
    return 3 * parsed[2] if parsed[1] == Frequency.QUARTERLY else parsed[2]


class ReportingRound(models.Model):
    """A 填报轮次 for one period's values — a year (年度), a quarter (季度) or a month (月度) of a data year:
    open until its deadline, or until the admin's reopening ends. Each round locks its own period only."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField("数据年份")
    frequency = models.CharField("频度", max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL)
    period = models.PositiveSmallIntegerField("期次", default=0)  # quarter 1–4, month 1–12; 0 for a year
    name = models.CharField("名称", max_length=100)
    deadline = models.DateField("截止日期")
    reopened_until = models.DateField("重新开放至", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "填报轮次"
        ordering = ["-year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "frequency", "period"], name="one_round_per_period"),
            models.CheckConstraint(condition=models.Q(frequency=Frequency.ANNUAL, period=0)
                                   | models.Q(frequency=Frequency.QUARTERLY, period__gte=1, period__lte=4)
                                   | models.Q(frequency=Frequency.MONTHLY, period__gte=1, period__lte=12),
                                   name="round_period_in_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def open_until(self) -> dt.date:
        return max(self.deadline, self.reopened_until or self.deadline)

    @property
    def code(self) -> str:
        """The ``Observation.period`` of the values entered in this round."""
        return period_code(self.year, self.frequency, self.period)

    @property
    def label(self) -> str:
        """The period in the page language: 2026年第一季度 / Q1 2026."""
        return period_name(self.year, self.frequency, self.period, gettext)


class Observation(models.Model):
    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.CASCADE, related_name="observations")
    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("年份")
    value = models.FloatField("数值")
    flag = models.CharField("口径", max_length=10, choices=Flag.choices, default=Flag.FINAL)
    # as written in imported data (1-9月, 全年), or a round's period code (2026Q1, 2026-03) with flag PARTIAL
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
        # Q1 and Q2 of one year, and the full year, are different values from the same source
        constraints = [models.UniqueConstraint(fields=["indicator", "region", "year", "period", "source"],
                                               name="one_value_per_period_and_source")]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.region} {self.year}: {self.value:g}"

    @property
    def period_label(self) -> str:
        """2026年第一季度 for a value entered in a quarterly or monthly round; "" otherwise."""
        parsed = parse_period(self.period)
        return period_name(*parsed, gettext) if parsed else ""


class ObservationEvent(AppendOnly):
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


NARRATIVE_MAX = 5000  # characters of one section's text: several pages, far less than a request may carry


class ReportNarrative(AppendOnly):
    """A person's text for one section of one report (存在的主要问题, 主要原因 of an indicator …), by plan, report
    kind (:data:`planwatch.reports.kinds.KINDS`), evaluation year and section code
    (:func:`planwatch.reports.sections.editable`). Rows are only added: the latest row of a (plan, kind, year,
    section) is the text in force, the earlier ones its history; an empty text puts the generated draft back."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="narratives")
    kind = models.CharField("报告类型", max_length=20)
    year = models.PositiveSmallIntegerField("评估年份")
    section = models.CharField("章节", max_length=40)
    text = models.TextField("文本", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填写人", null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告文本"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["plan", "kind", "year", "section", "id"], name="narrative_in_force")]

    @classmethod
    def latest(cls, plan: object, kind: str, year: int) -> dict[str, ReportNarrative]:
        """section code → its latest row (the text in force, or the empty row that put the draft back), with its
        writer: one query."""
        rows: dict[str, ReportNarrative] = {}
        for row in cls.objects.filter(plan=plan, kind=kind, year=year).select_related("actor").order_by("id"):
            rows[row.section] = row
        return rows

    @staticmethod
    def texts(latest: dict[str, ReportNarrative]) -> dict[str, str]:
        """section code → the text in force among ``latest`` rows: an empty latest row puts the draft back."""
        return {code: row.text for code, row in latest.items() if row.text.strip()}

    @classmethod
    def in_force(cls, plan: object, kind: str, year: int) -> dict[str, str]:
        """section code → the text in force (the latest row of each section, if not empty): one query."""
        return cls.texts(cls.latest(plan, kind, year))


class ReportJob(models.Model):
    """分地区批量报告: one report (plan, kind, year, format) for each of several regions, made in the background
    (planwatch.web.report_jobs). The row is the job's whole state, so any worker process shows its progress and
    serves its .zip: ``done`` of ``total`` regions, the regions that failed with their message, and the file when
    finished. ``heartbeat`` moves on after every region; a running job whose heartbeat is old lost its worker and
    is taken up again (``planwatch manage run_report_jobs``)."""

    class State(models.TextChoices):
        QUEUED = "queued", gettext_noop("排队中")
        RUNNING = "running", gettext_noop("生成中")
        DONE = "done", gettext_noop("已完成")
        FAILED = "failed", gettext_noop("失败")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="report_jobs")
    kind = models.CharField("报告类型", max_length=20)
    year = models.PositiveSmallIntegerField("评估年份")
    fmt = models.CharField("格式", max_length=8)
    regions = models.ManyToManyField(Region, verbose_name="地区", related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField("地区数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    failures = models.JSONField("失败的地区", default=dict, blank=True)  # region name → message
    file = models.FileField("压缩包", upload_to="report_jobs/", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField("发起时间", auto_now_add=True)
    heartbeat = models.DateTimeField("最近进展", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量报告"
        ordering = ["-id"]
