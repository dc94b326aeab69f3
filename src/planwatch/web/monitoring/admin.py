"""Values and their history in the admin: shown, never changed there. Status and values move only through the
workflow pipeline (monitoring.services), which writes the history row; history is append-only
(planwatch.web.history)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Observation, ObservationEvent, ReportNarrative


class ViewOnly:
    """No add, change or delete for anyone, superusers included: the admin lists and shows the rows only. Its
    delete pages check this for every related row too, so what has history cannot be deleted there either."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(ViewOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = ObservationEvent
    fields = ("at", "actor", "action", "from_status", "to_status", "old_value", "new_value", "reason")
    readonly_fields = fields
    extra = 0


@admin.register(Observation)
class ObservationAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("indicator", "region", "year", "value", "flag", "status", "simulated")
    list_filter = ("status", "simulated", "flag", "year")
    inlines = (EventInline,)


@admin.register(ObservationEvent)
class ObservationEventAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "observation", "actor", "action", "from_status", "to_status", "old_value", "new_value")
    list_filter = ("action", "to_status")


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    """报告文本: written on /reports/narrative/ (web.narrative) only; shown here."""

    list_display = ("at", "plan", "kind", "year", "section", "actor")
    list_filter = ("kind", "year")
