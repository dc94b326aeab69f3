"""Ledger history and 督办单 in the admin: shown, never changed there. Progress moves through
ledgers.services.update_progress (with its 进展记录), a 督办单 through ledgers.services.NOTICE_PIPELINE
(issue → reply → close), each move with its 督办单记录."""

from typing import Any

from django.contrib import admin

from ..monitoring.admin import ViewOnly
from ..plans.models import Indicator, touch_plans
from .models import CommitmentLink, LedgerEvent, NoticeEvent, ProgressUpdate, SupervisionNotice


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "task", "project", "commitment", "actor", "old_progress", "new_progress")


@admin.register(LedgerEvent)
class LedgerEventAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "task", "project", "commitment", "actor", "action", "detail")


class NoticeEventInline(ViewOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = NoticeEvent
    fields = ("at", "actor", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("number", "subject", "department", "status", "reply_due", "issued_at")
    inlines = (NoticeEventInline,)


@admin.register(NoticeEvent)
class NoticeEventAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "notice", "actor", "from_status", "to_status", "note")
    list_filter = ("to_status",)


@admin.register(CommitmentLink)
class CommitmentLinkAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """量化承诺 → 主要指标: matched automatically once (设置人 empty); the admin may change or clear the link.
    The indicator must belong to the commitment's plan."""

    list_display = ("commitment", "indicator", "set_by", "set_at")
    list_select_related = ("commitment", "indicator", "set_by")
    search_fields = ("commitment__quantity", "indicator__name")
    fields = ("commitment", "indicator")
    readonly_fields = ("commitment",)

    def has_add_permission(self, request: Any) -> bool:
        return False  # every commitment gets its row when its ledger is first read

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "indicator":
            link = self.get_object(request, request.resolver_match.kwargs.get("object_id", "")) \
                if request.resolver_match else None
            if link is not None:
                kwargs["queryset"] = Indicator.objects.filter(plan_id=link.commitment.plan_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: Any, obj: CommitmentLink, form: Any, change: bool) -> None:
        obj.set_by = request.user
        super().save_model(request, obj, form, change)
        touch_plans([obj.commitment.plan_id])  # reports and cached pages read the commitment's light
