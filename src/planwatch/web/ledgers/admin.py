"""Ledger history and 督办单 in the admin: shown, never changed there. Progress moves through
ledgers.services.update_progress (with its 进展记录), a 督办单 through issue → reply → close."""

from django.contrib import admin

from ..monitoring.admin import ViewOnly
from .models import LedgerEvent, ProgressUpdate, SupervisionNotice


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "task", "project", "commitment", "actor", "old_progress", "new_progress")


@admin.register(LedgerEvent)
class LedgerEventAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "task", "project", "commitment", "actor", "action", "detail")


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("subject", "department", "status", "reply_due", "issued_at")
