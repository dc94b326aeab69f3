"""Every permission rule of the platform, in one place.

Roles: 管理员 (admin, 发改局) may do everything; 填报员 (reporter) may enter and submit values only for
items whose lead unit (牵头单位) is their own department; 领导 (leader) reads everything and changes
nothing; 公众 (anonymous) sees published data only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "public"
    if user.is_superuser:
        return "admin"
    profile = getattr(user, "profile", None)
    return profile.role if profile is not None else "public"


def department_of(user: Any) -> Any:
    profile = getattr(user, "profile", None)
    return profile.department if profile is not None else None


def can_view_unpublished(user: Any) -> bool:
    return role_of(user) in ("admin", "reporter", "leader")


def can_report(user: Any, indicator: Any) -> bool:
    """May this user enter or submit a value for this indicator?"""
    role = role_of(user)
    if role == "admin":
        return True
    return role == "reporter" and indicator.lead_id is not None and indicator.lead_id == getattr(
        department_of(user), "id", None)


def require_report(user: Any, indicator: Any) -> None:
    """Refuse, naming the lead unit, unless ``can_report``: checked before any field of a form is read."""
    require(can_report(user, indicator), gettext("只有牵头单位（%(lead)s）的填报员可以填报该指标") % {
        "lead": indicator.lead or gettext("未指定")})


def can_read_ledger(user: Any) -> bool:
    """Read ledger items in full, with their milestones and evidence files: signed-in staff, not the public."""
    return role_of(user) in ("admin", "reporter", "leader")


def can_delete_evidence(user: Any, evidence: Any) -> bool:
    """Delete an evidence file: the person who uploaded it, or the admin. (Milestones and uploads follow
    ``can_report`` on the item: its lead unit's reporter or the admin.)"""
    role = role_of(user)
    return role == "admin" or (role == "reporter" and evidence.uploaded_by_id is not None
                               and evidence.uploaded_by_id == getattr(user, "id", None))


def can_review(user: Any) -> bool:
    """Approve, return and publish: the planning office only."""
    return role_of(user) == "admin"


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse with ``message`` (already in the page language) or the general refusal, translated now."""
    if not allowed:
        raise PermissionDenied(message if message is not None else gettext("没有权限执行此操作"))
