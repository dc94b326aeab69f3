"""任务台账 / 重大项目台账 / 量化承诺台账 history, 里程碑 (milestones), 佐证材料 (evidence) and 督办单
(supervision notices)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models

from ...core.ledger import overdue_milestones
from ..accounts.models import Department
from ..history import AppendOnly
from ..plans.models import Commitment, Indicator, Project, Task


@dataclass(frozen=True)
class Ledger:
    """One kind of ledger item: its model, the foreign key that ties ledger rows (milestones, evidence,
    progress updates, 督办单, history) to it, the ledger's title and the heading of its item column."""

    model: type[Task | Project | Commitment]
    field: str
    title: str
    heading: str
    search: tuple[str, ...]  # the fields 搜索 looks in: the item's name and content
    related: tuple[str, ...] = ()  # what its pages select with each item (project details, indicator link)


# URL part → ledger: the one table every page, score and report that walks the ledgers reads
KINDS: dict[str, Ledger] = {
    "tasks": Ledger(Task, "task", "任务台账", "任务", ("title", "body")),
    "projects": Ledger(Project, "project", "重大项目台账", "项目", ("name", "description", "sector"), ("details",)),
    "commitments": Ledger(Commitment, "commitment", "量化承诺台账", "量化承诺", ("quantity", "text"),
                          ("link__indicator",)),
}


def ledger_of(item: Any) -> Ledger:
    """The ledger a task, project or commitment is kept in."""
    return next(k for k in KINDS.values() if isinstance(item, k.model))


def item_fields(item: Any) -> dict[str, Any]:
    """The item as the foreign keys of a ledger row: its own field set, the others None."""
    return {k.field: item if isinstance(item, k.model) else None for k in KINDS.values()}


class ProgressUpdate(AppendOnly):
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="updates")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="updates")
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="updates")
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
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="notices")
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
    # 文号: 金普督〔2026〕3号 — the year it was issued and its place in that year, given by
    # ledgers.services.issue_notice in the transaction that creates it (NoticeCounter)
    year = models.PositiveSmallIntegerField("年度", null=True, editable=False)
    seq = models.PositiveIntegerField("序号", null=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["-issued_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="one_notice_number_per_year")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}".strip()

    @property
    def number(self) -> str:
        """文号 as printed on the notice: 金普督〔2026〕3号 (the prefix is ``PLANWATCH_NOTICE_PREFIX``)."""
        if self.year is None or self.seq is None:
            return ""
        return f"{notice_prefix()}〔{self.year}〕{self.seq}号"

    @property
    def subject(self) -> str:
        item = self.task or self.project or self.commitment
        return str(item) if item is not None else self.indicator.name if self.indicator else ""


def notice_prefix() -> str:
    """The issuing office's abbreviation in front of a 督办单 number (发文机关代字 + 督)."""
    return str(getattr(settings, "PLANWATCH_NOTICE_PREFIX", "金普督"))


class NoticeCounter(models.Model):
    """The last 督办单 number given in a year; its row is locked while a notice is issued, so that two
    notices issued at once get two numbers."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "督办单编号"


class NoticeAttachment(models.Model):
    """附件 of a 督办单 (by the issuer or with the reply): checked and stored like 佐证材料
    (ledgers.services.store_upload: content sniffing, EVIDENCE_MAX_BYTES)."""

    notice = models.ForeignKey(SupervisionNotice, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=255)
    stored = models.CharField(max_length=100, unique=True)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "督办单附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class NoticeEvent(AppendOnly):
    """History of a 督办单: one row per move along ``ledgers.services.NOTICE_PIPELINE`` (下发, 答复, 办结),
    written by the service in the move's transaction; who, when, from which status to which, and what was said."""

    notice = models.ForeignKey(SupervisionNotice, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField("原状态", max_length=10, choices=NoticeStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=10, choices=NoticeStatus.choices)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "督办单记录"
        ordering = ["at", "id"]


def _one_item(name: str) -> models.CheckConstraint:
    """A row belongs to exactly one task, one project or one commitment."""
    fields = [k.field for k in KINDS.values()]
    condition = models.Q()
    for own in fields:
        condition |= models.Q(**{f"{f}__isnull": f != own for f in fields})
    return models.CheckConstraint(condition=condition, name=name)


class Milestone(models.Model):
    """里程碑: a dated checkpoint of a task, project or commitment, set and marked done by its lead unit or the
    发改局."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones")
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="milestones")
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
        return overdue_milestones([(self.planned, self.done)], today) > 0


class Evidence(models.Model):
    """佐证材料: a file uploaded to a task, project or commitment, stored under a generated name in MEDIA_ROOT."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="evidence")
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
    PROJECT_DETAILS = "project_details", "修改项目信息"


class LedgerEvent(AppendOnly):
    """History of milestones and evidence on an item: who, when, what. Kept when the evidence is deleted."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=EventAction.choices)
    detail = models.CharField(max_length=500)

    class Meta:
        verbose_name = verbose_name_plural = "台账操作记录"
        ordering = ["at", "id"]
        constraints = [_one_item("event_of_one_item")]


# 重大项目台账 columns project offices track, in display order: field → (heading, unit or "")
PROJECT_COLUMNS: dict[str, tuple[str, str]] = {
    "total_investment": ("总投资", "亿元"),
    "annual_plan_investment": ("年度计划投资", "亿元"),
    "completed_investment": ("累计完成投资", "亿元"),
    "planned_start": ("计划开工", ""),
    "actual_start": ("实际开工", ""),
    "planned_completion": ("计划竣工", ""),
    "actual_completion": ("实际竣工", ""),
    "image_progress": ("形象进度", ""),
    "builder": ("建设单位", ""),
}


def _money(heading: str) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(f"{heading}（亿元）", max_digits=12, decimal_places=4, null=True, blank=True)


class ProjectDetails(models.Model):
    """What a project office tracks of a 重大项目 beyond its progress: investment (亿元), start and completion
    dates planned and actual, 形象进度 and 建设单位. Changed only through ledgers.services.update_project
    (the form and the Excel import), each change with its 台账操作记录."""

    project = models.OneToOneField(Project, primary_key=True, on_delete=models.CASCADE, related_name="details")
    total_investment = _money("总投资")
    annual_plan_investment = _money("年度计划投资")
    completed_investment = _money("累计完成投资")
    planned_start = models.DateField("计划开工", null=True, blank=True)
    actual_start = models.DateField("实际开工", null=True, blank=True)
    planned_completion = models.DateField("计划竣工", null=True, blank=True)
    actual_completion = models.DateField("实际竣工", null=True, blank=True)
    image_progress = models.CharField("形象进度", max_length=300, blank=True)
    builder = models.CharField("建设单位", max_length=200, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "重大项目信息"


class CommitmentLink(models.Model):
    """量化承诺 → 主要指标: a commitment that restates an indicator's target takes its status from the
    indicator's evaluation. Matched once by ``core.ledger.match_indicator`` (``set_by`` empty); the admin may
    change or clear the link in the admin (``set_by`` then names them). No link: the commitment's own progress."""

    commitment = models.OneToOneField(Commitment, primary_key=True, on_delete=models.CASCADE, related_name="link")
    indicator = models.ForeignKey(Indicator, verbose_name="主要指标", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="commitment_links")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField("设置时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "量化承诺关联指标"

    def __str__(self) -> str:
        return f"{self.commitment} → {self.indicator or '（无）'}"
