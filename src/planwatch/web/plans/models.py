"""Plans as stored: the outline, the main indicators, tasks, projects and commitments of a plan, each
item with its 牵头单位 (lead unit) and 配合单位 (co-units)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Greatest

from ..accounts.models import Department, Region
from ..history import AppendOnly


class PlanStatus(models.TextChoices):
    """A plan imported on the web is a 草稿 until the 发改局 admin has checked what was read and confirmed it
    (services.confirm_plan); only confirmed plans are listed, evaluated and published."""

    DRAFT = "draft", "草稿"
    CONFIRMED = "confirmed", "已确认"


class PlanQuerySet(models.QuerySet["Plan"]):
    def in_use(self) -> PlanQuerySet:
        """The plans every list shows: confirmed ones (drafts only on their review page and the admin's list)."""
        return self.filter(status=PlanStatus.CONFIRMED)


class Plan(models.Model):
    title = models.CharField("规划名称", max_length=200)
    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT, related_name="plans")
    parent = models.ForeignKey("self", verbose_name="上位/总体规划", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    # 十五五 succeeds 十四五: its lineage (plans.succession) pairs their indicators and carries final values over
    succeeds = models.ForeignKey("self", verbose_name="接续的上一期规划", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="successors")
    base_year = models.PositiveSmallIntegerField("基期年份", null=True)
    end_year = models.PositiveSmallIntegerField("目标年份", null=True)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_format = models.CharField("格式", max_length=10, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    # bumped in the same transaction as every change to the plan's observations (monitoring.signals and
    # the bulk writers): cached evaluations are keyed by it, at the cost of one indexed row read
    data_version = models.PositiveBigIntegerField("数据版本", default=0, editable=False)
    status = models.CharField("状态", max_length=10, choices=PlanStatus.choices, default=PlanStatus.CONFIRMED)
    content_hash = models.CharField("文件内容摘要", max_length=64, blank=True, db_index=True,
                                    help_text="SHA-256：同一文件再次导入时沿用已有的核对更正")
    warnings = models.JSONField("读取警告", default=list, blank=True)  # core ParseWarning: place, reason, text, node
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "规划"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def current_year(self) -> int:
        """The year every page, ledger and 考核 judges when none is asked for: this year, within the plan period
        (the 14th's end year, 2025, once it has ended; 2026 for a 15th plan in 2026) — one rule for all."""
        from django.utils import timezone

        year = timezone.localdate().year
        end = self.end_year or year
        return max(min(year, end), (self.base_year or end - 1) + 1)

    def covers(self, region: Region) -> bool:
        """The plan's regions are its own region and the regions below it (their values roll up to it): the only
        regions its values may be entered for and evaluated in."""
        return region.is_within(self.region_id)


def touch_plans(plan_ids: Iterable[int]) -> None:
    """Move the plans' ``data_version`` on to the current time in microseconds (or one more, if the clock lags):
    a number never reused, even after a rolled-back transaction had used the next one. Model signals call it
    for single writes (monitoring.signals); bulk writers, which send no signals, call it themselves."""
    now = int(time.time() * 1_000_000)
    ids = list(plan_ids)
    # 一数多用: a plan reads the values of every plan that carries one of its confirmed 指标库 entries
    sharing = Indicator.objects.filter(entry__confirmed=True, entry__indicators__plan_id__in=ids).values("plan_id")
    Plan.objects.filter(models.Q(pk__in=ids) | models.Q(pk__in=sharing)).update(
        data_version=Greatest(F("data_version") + 1, Value(now)))


class Responsibility(models.Model):
    """What every assignable item has: a lead unit, co-units and a deadline."""

    lead = models.ForeignKey(Department, verbose_name="牵头单位", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    co_units = models.ManyToManyField(Department, verbose_name="配合单位", blank=True, related_name="+")
    deadline = models.DateField("完成时限", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def lead_name(self) -> str | None:
        return self.lead.name if self.lead else None

    @property
    def co_unit_names(self) -> list[str]:
        """Names of the 配合单位; prefetch ``co_units`` when listing many items."""
        return [d.name for d in self.co_units.all()]

    @property
    def due(self) -> dt.date | None:
        """完成时限: the deadline set; None means the end of the plan period."""
        return self.deadline


# The nodes an outline shows: 篇/章/节/专栏/附录, and the numbered levels of a plan written 一、/（一）/1.
OUTLINE_KINDS = ("part", "chapter", "section", "subsection", "clause", "item", "column", "appendix")


def node_anchor(node_id: str) -> str:
    """The HTML id of a node's line in the outline page (search hits link to it); no raw node id (ch1/s1) shows.

    >>> node_anchor("ch1/s1")
    'node-ch1_s1'
    """
    return "node-" + node_id.replace("/", "_")


class Node(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes")
    node_id = models.CharField("编号", max_length=100)
    kind = models.CharField("类型", max_length=20)
    label = models.CharField("序号", max_length=20, blank=True)
    title = models.CharField("标题", max_length=200, blank=True)
    text = models.TextField("正文", blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "规划章节"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["plan", "node_id"], name="unique_node_per_plan")]

    def __str__(self) -> str:
        return f"{self.node_id} {self.title}"

    @property
    def anchor(self) -> str:
        return node_anchor(self.node_id)


AGGREGATIONS = [("sum", "求和"), ("weighted_mean", "按人口加权平均"), ("none", "不汇总")]


class Indicator(Responsibility):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    no = models.PositiveSmallIntegerField("序号")
    label = models.CharField("序号（原文）", max_length=20, blank=True, help_text="表中印的序号，如 10.1；空则为序号")
    category = models.CharField("类别", max_length=50, blank=True)
    name = models.CharField("指标名称", max_length=200)
    unit = models.CharField("单位", max_length=20, blank=True)
    baseline_year = models.PositiveSmallIntegerField("基期年份", null=True)
    baseline_value = models.FloatField("基期值", null=True, blank=True)
    baseline_raw = models.CharField("基期值（原文）", max_length=50, blank=True)
    baseline_cumulative = models.BooleanField("基期值为五年累计", default=False)  # 〔17.7〕 in the base-year column
    target_year = models.PositiveSmallIntegerField("目标年份", null=True)
    target_raw = models.CharField("目标值（原文）", max_length=50, blank=True)
    growth_raw = models.CharField("年均增长（原文）", max_length=50, blank=True)
    attribute = models.CharField("属性", max_length=10, choices=[("expected", "预期性"), ("binding", "约束性")],
                                 blank=True)
    notes = models.JSONField("注释", default=list, blank=True)
    kind = models.CharField("类型", max_length=20, blank=True)
    direction = models.CharField("方向", max_length=10, blank=True)
    approx_tolerance = models.FloatField(
        "“左右”容差", null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(0.5)],
        help_text="“左右”目标的相对容差，如 0.03 即±3%；留空用默认值 0.05（±5%）")
    aggregation = models.CharField("汇总方式", max_length=16, blank=True, choices=AGGREGATIONS,
                                   help_text="下级地区数值如何汇总为上级；留空则按单位推断")
    upper = models.ForeignKey("self", verbose_name="上位指标", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="lower_links", help_text="上级规划中本指标所落实的指标（规划衔接）")
    # 指标库: the measure this row is one plan's copy of; a value entered for another plan's indicator of the same
    # confirmed entry counts here too (plans.library, monitoring.services.visible_observations)
    entry = models.ForeignKey("IndicatorEntry", verbose_name="指标库条目", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="indicators")

    class Meta:
        verbose_name = verbose_name_plural = "主要指标"
        ordering = ["plan", "no"]
        constraints = [models.UniqueConstraint(fields=["plan", "no"], name="unique_indicator_no")]

    def __str__(self) -> str:
        return f"{self.display_no}. {self.name}"

    @property
    def display_no(self) -> str:
        """The number people see: the printed one (10.1), else ``no``."""
        return self.label or str(self.no)

    @property
    def binding(self) -> bool:
        return self.attribute == "binding"

    @property
    def target_words(self) -> str:
        """Both target columns in words, for the pages: 五年累计降低18%, never the table's notation [18]③."""
        from ...core.target_words import targets_in_words
        from ...core.targets import stored_target

        return targets_in_words(stored_target(self.target_raw), stored_target(self.growth_raw, "年均增长"),
                                self.target_year, self.unit, self.name)


class EntryFrequency(models.TextChoices):
    ANNUAL = "annual", "年度"
    QUARTERLY = "quarterly", "季度"
    MONTHLY = "monthly", "月度"


class IndicatorEntry(models.Model):
    """指标库条目: one measure (统计口径: name, unit, definition, source department, frequency) that the indicators
    of several plans carry — the master plan, its special plans, the next period's plan. Proposed on import by
    ``key`` (core.indicator_names.name_key of the name, and the unit: plans.library.entry_key), unconfirmed until
    the 发改局 admin confirms it; only a confirmed entry shares values between plans (一数多用). Merged entries are
    kept (``merged_into``) with their history; names, merges and splits are recorded in IndicatorEntryEvent."""

    name = models.CharField("指标名称", max_length=200)
    unit = models.CharField("单位", max_length=20, blank=True)
    definition = models.TextField("统计口径", blank=True)
    department = models.ForeignKey(Department, verbose_name="数据来源部门", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    frequency = models.CharField("频度", max_length=10, choices=EntryFrequency.choices, default=EntryFrequency.ANNUAL)
    key = models.CharField("匹配键", max_length=240, db_index=True, editable=False)
    confirmed = models.BooleanField("已确认", default=False)
    merged_into = models.ForeignKey("self", verbose_name="已并入", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "指标库条目"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）" if self.unit else self.name


class IndicatorEntryEvent(AppendOnly):
    """The history of a 指标库条目: proposed (from which plan's indicator, under which name), confirmed, merged
    (``other``: the entry merged into this one), split off, renamed (old name → new name): who and when."""

    entry = models.ForeignKey(IndicatorEntry, verbose_name="条目", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=10, choices=[
        ("propose", "导入建议"), ("confirm", "确认"), ("merge", "合并"), ("split", "拆分"), ("rename", "更名")])
    other = models.ForeignKey(IndicatorEntry, verbose_name="相关条目", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    old_name = models.CharField("原名称", max_length=200, blank=True)
    new_name = models.CharField("新名称", max_length=200, blank=True)
    detail = models.CharField("说明", max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标库操作记录"
        ordering = ["at", "id"]


SIMULATED_PROGRESS = "模拟进展（示例数据，仅供演示）"  # the demo's progress note (planwatch.web.demo)


class Trackable(models.Model):
    """Progress of a task, project or commitment as reported by its lead unit (see the ledgers app)."""

    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    progress_note = models.CharField("进展说明", max_length=500, blank=True)
    progress_updated = models.DateTimeField("进展更新时间", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def progress_simulated(self) -> bool:
        """Whether the progress shown is simulated (模拟), so that the page says so."""
        return self.progress_note.startswith("模拟")

    @property
    def ledger_detail(self) -> str:
        """The line under the item in its ledger."""
        return ""


class Task(Responsibility, Trackable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField("任务", max_length=200)
    body = models.TextField("内容", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "重点任务"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Project(Responsibility, Trackable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="projects")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField("项目名称", max_length=200)
    column = models.CharField("专栏", max_length=20)
    sector = models.CharField("领域", max_length=100, blank=True)
    description = models.TextField("建设内容", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "重大项目"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def ledger_detail(self) -> str:
        return f"专栏{self.column} {self.sector}".strip()


class Commitment(Responsibility, Trackable):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commitments")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField("原文")
    quantity = models.CharField("量化内容", max_length=300)
    due_year = models.PositiveSmallIntegerField("目标年份", null=True)
    recurring = models.BooleanField("每年", default=False)
    value = models.FloatField("数值")
    value_max = models.FloatField("上限值", null=True, blank=True)
    unit = models.CharField("单位", max_length=20)
    comparator = models.CharField("比较", max_length=10)

    class Meta:
        verbose_name = verbose_name_plural = "量化承诺"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.quantity

    @property
    def ledger_detail(self) -> str:
        return self.text  # the sentence the commitment stands in

    @property
    def due(self) -> dt.date | None:
        """完成时限: the deadline set, else 31 December of the year the text names (到2025年 → 2025-12-31)."""
        return self.deadline or (dt.date(self.due_year, 12, 31) if self.due_year else None)


class SearchDoc(models.Model):
    """One searchable text (a node's text, a task, a project, a commitment, an indicator's name) with its search
    tokens and what it was taken from (``kind``, ``node_id``, ``item_pk``: where a hit links to).

    The tokens (planwatch.core.textsearch) are indexed by an FTS5 table over (plan_id, tokens) on SQLite and by a
    GIN index on a stored tsvector column ``tsv`` = to_tsvector('simple', tokens) on PostgreSQL; migrations 0003
    and 0006 create them for their database (the column is the database's own, not a model field)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="search_docs")
    kind = models.CharField(max_length=20)
    node_id = models.CharField(max_length=100, blank=True)
    ref = models.PositiveIntegerField(default=0)  # indicator number for indicators
    # the id of the task, project, commitment or indicator the text is taken from (outline nodes: node_id);
    # nullable, so that adding it kept SQLite's table and the FTS5 triggers on it (migration 0012)
    item_pk = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField()
    tokens = models.TextField()

    class Meta:
        verbose_name = verbose_name_plural = "检索条目"


class PlanCorrection(AppendOnly):
    """A correction made while checking an imported plan (核对更正): who, when, what (core.corrections, in its
    JSON form). Kept by the document's content hash, so that the same file imported again gets them again; kept
    when the plan is deleted."""

    content_hash = models.CharField("文件内容摘要", max_length=64, db_index=True)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)
    item = models.JSONField("更正")
    detail = models.CharField("说明", max_length=500)

    class Meta:
        verbose_name = verbose_name_plural = "规划核对更正"
        ordering = ["at", "id"]


class AnnualTargetSource(models.TextChoices):
    ADOPTED = "adopted", "人大通过"
    DECOMPOSED = "decomposed", "取自分解"


class AnnualTarget(AppendOnly):
    """年度目标: the target of one indicator for one year of the plan, as the 人大 adopted it (``5.5左右``, ``≥6``;
    parsed by core.targets) or taken from the decomposition (取自分解). Append-only: entering a target again, or a
    changed one, adds a row; the latest row of an (indicator, year) is the one in force and the rows before it are
    its history (who, when, what, from which document). Written by plans.annual only; judged by monitoring.annual."""

    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.CASCADE,
                                  related_name="annual_targets")
    year = models.PositiveSmallIntegerField("年份")
    target_raw = models.CharField("年度目标（原文）", max_length=50, help_text="如 5.5左右、≥6、6以上、＜5.5")
    document = models.CharField("文件", max_length=200, blank=True,
                                help_text="如 2026年政府工作报告、2026年国民经济和社会发展计划")
    adopted_on = models.DateField("通过日期", null=True, blank=True)
    source = models.CharField("来源", max_length=12, choices=AnnualTargetSource.choices,
                              default=AnnualTargetSource.ADOPTED)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度目标"
        ordering = ["indicator", "year", "at", "id"]
        indexes = [models.Index(fields=["indicator", "year"], name="annual_target_lookup")]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year}年：{self.target_raw}"


class TargetRevision(AppendOnly):
    """目标调整: a target changed after adoption (a mid-term adjustment, a target handed down later: ``⑤最终以市目标
    下达为准``), in force from ``effective_from`` on (core.revisions). Append-only: the rows are the history; a later
    revision supersedes an earlier one from its own year. Written by plans.revisions.record_revision only."""

    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.CASCADE,
                                  related_name="revisions")
    target_raw = models.CharField("调整后目标（原文）", max_length=50, help_text="如 ＞60、65左右、〔14〕")
    effective_from = models.PositiveSmallIntegerField("生效年份")
    document = models.CharField("依据文件", max_length=200)
    reason = models.CharField("调整原因", max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "目标调整"
        ordering = ["indicator", "effective_from", "at", "id"]

    def __str__(self) -> str:
        return f"{self.indicator.name}：自{self.effective_from}年起目标调整为{self.target_raw}"
