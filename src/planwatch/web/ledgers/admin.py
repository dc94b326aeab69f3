"""Ledger history and 督办单 in the admin: shown, never changed there. Progress moves through
ledgers.services.update_progress (with its 进展记录), a 督办单 through ledgers.services.NOTICE_PIPELINE
(issue → reply → close), each move with its 督办单记录."""

from django.contrib import admin

from ..monitoring.admin import ViewOnly
from .models import LedgerEvent, NoticeEvent, ProgressUpdate, SupervisionNotice


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
    list_display = ("subject", "department", "status", "reply_due", "issued_at")
    inlines = (NoticeEventInline,)


@admin.register(NoticeEvent)
class NoticeEventAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "notice", "actor", "from_status", "to_status", "note")
    list_filter = ("to_status",)
