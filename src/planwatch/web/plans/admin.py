from django import forms
from django.contrib import admin

from ...core.kinds import KINDS
from .models import Commitment, Indicator, Plan, Project, Task

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
