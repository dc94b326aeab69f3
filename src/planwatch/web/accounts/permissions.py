"""Every permission rule of the platform, in one place.

Roles: 管理员 (admin, 发改局) may do everything; 填报员 (reporter) may enter and submit values only for
items whose lead unit (牵头单位) is their own department; 领导 (leader) reads everything and changes
nothing; 公众 (anonymous) sees published data only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from .models import Role

STAFF = frozenset({Role.ADMIN, Role.REPORTER, Role.LEADER})  # signed in with a role: everything but the public


def role_of(user: Any) -> Role | None:
    """The user's role; None for the public (anonymous, or signed in without a role). A superuser is an admin."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    return Role(profile.role) if profile is not None and profile.role in Role.values else None


def department_of(user: Any) -> Any:
    profile = getattr(user, "profile", None)
    return profile.department if profile is not None else None


def can_view_unpublished(user: Any) -> bool:
    return role_of(user) in STAFF


def can_report(user: Any, indicator: Any) -> bool:
    """May this user enter or submit a value for this indicator?"""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.REPORTER and indicator.lead_id is not None and indicator.lead_id == getattr(
        department_of(user), "id", None)


def reportable(user: Any, items: Any) -> Any:
    """The items of a queryset (indicators, tasks …) this user may report for, as ``can_report`` says of each:
    all of them for the admin, those led by the reporter's department for a reporter, none for anyone else."""
    role = role_of(user)
    if role == Role.ADMIN:
        return items
    department = department_of(user)
    return items.filter(lead=department) if role == Role.REPORTER and department is not None else items.none()


def require_report(user: Any, indicator: Any) -> None:
    """Refuse, naming the lead unit, unless ``can_report``: checked before any field of a form is read."""
    require(can_report(user, indicator), gettext("只有牵头单位（%(lead)s）的填报员可以填报该指标") % {
        "lead": indicator.lead or gettext("未指定")})


def can_read_ledger(user: Any) -> bool:
    """Read ledger items in full, with their milestones and evidence files: signed-in staff, not the public."""
    return role_of(user) in STAFF


def can_delete_evidence(user: Any, evidence: Any) -> bool:
    """Delete an evidence file: the person who uploaded it, or the admin. (Milestones and uploads follow
    ``can_report`` on the item: its lead unit's reporter or the admin.)"""
    role = role_of(user)
    return role == Role.ADMIN or (role == Role.REPORTER and evidence.uploaded_by_id is not None
                               and evidence.uploaded_by_id == getattr(user, "id", None))


def can_answer_notice(user: Any, notice: Any) -> bool:
    """答复督办单: a 填报员 of the notice's 承办单位, or the admin."""
    role = role_of(user)
    return role == Role.ADMIN or (role == Role.REPORTER and notice.department_id == getattr(
        department_of(user), "id", None))


def can_read_notice(user: Any, notice: Any) -> bool:
    """Read one 督办单 (its page, printed notice and attachments), as :func:`visible_notices` says of each."""
    role = role_of(user)
    return role in (Role.ADMIN, Role.LEADER) or (role == Role.REPORTER and notice.department_id == getattr(
        department_of(user), "id", None))


def _read_notice(user: Any, notice: Any) -> None:
    require(can_read_notice(user, notice), gettext("只有承办单位、发改局和领导可以查看这件督办单"))


def visible_notices(user: Any, notices: Any) -> Any:
    """The 督办单 of a queryset this user may read: all of them for the admin and for a 领导 (who reads
    everything), those addressed to the reporter's own department for a 填报员, none for anyone else."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.LEADER):
        return notices
    department = department_of(user)
    return notices.filter(department=department) if role == Role.REPORTER and department is not None else notices.none()


def can_review(user: Any) -> bool:
    """Approve, return and publish: the planning office only."""
    return role_of(user) == Role.ADMIN


def can_run_batch_reports(user: Any) -> bool:
    """分地区批量报告 (web.report_jobs): start one, follow it and download its zip: the admin and leaders."""
    return role_of(user) in (Role.ADMIN, Role.LEADER)


def can_check_plan(user: Any) -> bool:
    """Import a plan, correct what was read (核对) and confirm it: the planning office only."""
    return role_of(user) == Role.ADMIN


def can_see_plan(user: Any, plan: Any) -> bool:
    """A confirmed plan is open to everyone; a draft (草稿) only to those who check it."""
    return not plan.is_draft or can_check_plan(user)


def _see_plan(user: Any, plan: Any) -> None:
    if not can_see_plan(user, plan):  # a draft does not exist for those who may not check it
        raise Http404(gettext("没有这个规划"))


def _read_ledger(user: Any, item: Any) -> None:
    require(can_read_ledger(user), gettext("没有查看台账的权限"))


Rule = Callable[[Any, Any], None]

# model → (the rule for reading one, the rule for changing one): each raises PermissionDenied (or Http404
# where the object must not be seen to exist) with the message the person sees. No rule for changing: the
# area's service checks each change itself, with its own message (ledgers.services, the 督办单 pipeline).
ACCESS: dict[str, tuple[Rule, Rule | None]] = {
    "plans.plan": (_see_plan, None),
    "plans.indicator": (lambda user, ind: _see_plan(user, ind.plan), require_report),
    "plans.task": (_read_ledger, None),
    "plans.project": (_read_ledger, None),
    "plans.commitment": (_read_ledger, None),
    "ledgers.supervisionnotice": (_read_notice, None),
}


def get_object_for_user(request: HttpRequest, model: type[Model], pk: Any, write: bool = False,
                        queryset: QuerySet[Any] | None = None) -> Any:
    """The ``model`` row ``pk`` (from ``queryset`` when given, for its select_related) if this request's user
    may read it — or, with ``write``, change it — by the rule of :data:`ACCESS`; otherwise Http404 when there
    is no such row, PermissionDenied (or Http404) with the rule's message when there is. The one way a view
    fetches an object its URL names."""
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(queryset if queryset is not None else model, pk=pk)
    read, change = ACCESS[model._meta.label_lower]
    rule = change if write else read
    assert rule is not None, f"{model._meta.label}: changes are checked by its service"
    rule(request.user, obj)
    return obj


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse with ``message`` (already in the page language) or the general refusal, translated now."""
    if not allowed:
        raise PermissionDenied(message if message is not None else gettext("没有权限执行此操作"))
