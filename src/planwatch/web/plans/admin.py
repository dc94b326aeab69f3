from typing import Any

from django import forms
from django.contrib import admin

from ...core.kinds import KINDS
from .models import AnnualTarget, Commitment, Indicator, Plan, Project, Task, TargetRevision

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
    list_display = ("no", "name", "unit", "attribute", "kind", "lead")
    list_filter = ("plan", "attribute", "kind", "lead")


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
