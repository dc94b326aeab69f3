from typing import Any

from django import forms
from django.contrib import admin

from ...core.kinds import KINDS
from ..monitoring.admin import ViewOnly
from .models import (
    AnnualTarget,
    Commitment,
    Indicator,
    IndicatorEntry,
    IndicatorEntryEvent,
    Plan,
    Project,
    TargetRevision,
    Task,
)

INFERRED = ("", "按规划文本推断")


class IndicatorForm(forms.ModelForm):  # type: ignore[type-arg]
    """Kind and direction are chosen from the kind registry: the evaluation uses what is stored here."""

    kind = forms.ChoiceField(label="类型", required=False,
                             choices=[INFERRED, *((code, rule.description) for code, rule in KINDS.items())])
    direction = forms.ChoiceField(label="方向", required=False,
                                  choices=[INFERRED, ("higher", "越高越好"), ("lower", "越低越好")])

    class Meta:
        model = Indicator
        fields = "__all__"


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = IndicatorForm
    list_display = ("no", "name", "unit", "attribute", "kind", "lead", "entry")
    list_filter = ("plan", "attribute", "kind", "lead")
    readonly_fields = ("entry",)  # moved by the 指标库 actions only, which record the decision
    actions = ("split_entry",)

    @admin.action(description="从指标库条目中拆分为新条目（所选指标）")
    def split_entry(self, request: Any, queryset: Any) -> None:
        from .library import split

        rows = list(queryset.select_related("plan", "entry").order_by("plan_id", "no"))
        if rows:
            new = split(request.user, rows)
            self.message_user(request, f"已拆分为新条目“{new}”（未确认），操作已记录")


class EntryEventInline(ViewOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = IndicatorEntryEvent
    fk_name = "entry"
    fields = ("at", "actor", "action", "old_name", "new_name", "other", "detail")
    readonly_fields = fields
    extra = 0


class EntryIndicatorInline(ViewOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = Indicator
    fields = ("plan", "no", "name", "unit")
    readonly_fields = fields
    extra = 0


@admin.register(IndicatorEntry)
class IndicatorEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """指标库: the admin confirms an entry (its plans then share its values), merges entries that measure the same,
    renames one (the old name stays in its history); each decision writes an IndicatorEntryEvent (plans.library).
    Indicators are split off an entry from the indicator list."""

    list_display = ("name", "unit", "frequency", "department", "confirmed", "merged_into", "created_at")
    list_filter = ("confirmed", "frequency")
    search_fields = ("name", "key")
    readonly_fields = ("key", "confirmed", "confirmed_by", "confirmed_at", "merged_into", "created_by", "created_at")
    inlines = (EntryIndicatorInline, EntryEventInline)
    actions = ("confirm_entries", "merge_entries")

    def save_model(self, request: Any, obj: IndicatorEntry, form: Any, change: bool) -> None:
        from .library import entry_key, rename

        old = IndicatorEntry.objects.get(pk=obj.pk).name if change else obj.name
        if not change:
            obj.key, obj.created_by = entry_key(obj.name, obj.unit), request.user
        super().save_model(request, obj, form, change)
        if change:
            rename(request.user, obj, old)

    @admin.action(description="确认所选条目（确认后各规划共用其数据）")
    def confirm_entries(self, request: Any, queryset: Any) -> None:
        from .library import confirm

        for entry in queryset.filter(merged_into__isnull=True):
            confirm(request.user, entry)
        self.message_user(request, "已确认，操作已记录")

    @admin.action(description="合并所选条目（并入最早建立的一个）")
    def merge_entries(self, request: Any, queryset: Any) -> None:
        from .library import merge

        entries = list(queryset.filter(merged_into__isnull=True).order_by("id"))
        if len(entries) < 2:
            self.message_user(request, "请至少勾选两个未合并的条目", level="error")
            return
        merge(request.user, entries[0], entries[1:])
        self.message_user(request, f"已并入“{entries[0]}”，操作已记录")

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # an entry keeps its history; merge it instead


@admin.register(IndicatorEntryEvent)
class IndicatorEntryEventAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "entry", "action", "old_name", "new_name", "actor")
    list_filter = ("action",)


admin.site.register(Plan)


@admin.register(Task, Project, Commitment)
class LedgerItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Progress is shown, not edited: it moves in the ledger (ledgers.services.update_progress), which writes
    the 进展记录 row."""

    readonly_fields = ("progress", "progress_note", "progress_updated")


class AnnualTargetForm(forms.ModelForm):  # type: ignore[type-arg]
    """The target is checked as plans.annual checks it (it must parse, and fall in the plan period)."""

    class Meta:
        model = AnnualTarget
        fields = ("indicator", "year", "target_raw", "document", "adopted_on", "source")

    def clean(self) -> dict[str, object]:
        from ...core.errors import TargetExpressionError
        from ...core.targets import parse_target
        from .annual import plan_years

        data = super().clean() or {}
        raw, ind, year = data.get("target_raw"), data.get("indicator"), data.get("year")
        if isinstance(raw, str):
            try:
                parse_target(raw.strip(), "年度目标")
            except TargetExpressionError as exc:
                self.add_error("target_raw", str(exc))
        if isinstance(ind, Indicator) and isinstance(year, int) and plan_years(ind.plan) and \
                year not in plan_years(ind.plan):
            self.add_error("year", f"年份{year}不在规划期内")
        return data


@admin.register(AnnualTarget)
class AnnualTargetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """年度目标: added here or on the plan's 年度目标 page, never changed or deleted — a new row replaces the one in
    force and keeps it as history (plans.annual)."""

    form = AnnualTargetForm
    list_display = ("indicator", "year", "target_raw", "source", "document", "adopted_on", "actor", "at")
    list_filter = ("indicator__plan", "year", "source")

    def save_model(self, request: Any, obj: AnnualTarget, form: Any, change: bool) -> None:
        from .annual import enter_annual_target

        saved = enter_annual_target(request.user, obj.indicator, obj.year, obj.target_raw, obj.document,
                                    obj.adopted_on, obj.source)
        obj.pk, obj._state.adding = saved.pk, False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class TargetRevisionForm(forms.ModelForm):  # type: ignore[type-arg]
    """The revision is checked as the core checks it (the target parses, the year lies in the plan period)."""

    class Meta:
        model = TargetRevision
        fields = ("indicator", "target_raw", "effective_from", "document", "reason")

    def clean(self) -> dict[str, object]:
        from django.core.exceptions import ValidationError

        from .revisions import checked

        data = super().clean() or {}
        ind, raw, year, document = (data.get(k) for k in ("indicator", "target_raw", "effective_from", "document"))
        if isinstance(ind, Indicator) and isinstance(raw, str) and isinstance(year, int) and isinstance(document, str):
            try:
                checked(ind, raw, year, document, str(data.get("reason") or ""))
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return data


@admin.register(TargetRevision)
class TargetRevisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """目标调整: recorded here, never changed or deleted — a later revision supersedes an earlier one from its own
    year on, and the rows are the history (plans.revisions)."""

    form = TargetRevisionForm
    list_display = ("indicator", "target_raw", "effective_from", "document", "reason", "actor", "at")
    list_filter = ("indicator__plan", "effective_from")

    def save_model(self, request: Any, obj: TargetRevision, form: Any, change: bool) -> None:
        from .revisions import record_revision

        saved = record_revision(request.user, obj.indicator, obj.target_raw, obj.effective_from, obj.document,
                                obj.reason)
        obj.pk, obj._state.adding = saved.pk, False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
