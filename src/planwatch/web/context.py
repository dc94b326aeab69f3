"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def _session_plan(request: HttpRequest) -> int | None:
    from .params import SESSION_PLAN, as_int

    session = getattr(request, "session", None)
    return as_int(session.get(SESSION_PLAN)) if session is not None else None


def site(request: HttpRequest) -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser

    from .accounts.permissions import can_review, can_run_batch_reports
    from .cache import TIMEOUT

    # an error page for a request refused before the authentication middleware ran (a bad Host header) has no user
    user = getattr(request, "user", None) or AnonymousUser()
    return {"site_name": "规划实施监测评估平台", "may_review": can_review(user),
            "may_batch_reports": can_run_batch_reports(user), "cache_timeout": TIMEOUT,
            "show_simulated": settings.PLANWATCH_SHOW_SIMULATED,
            "office_name": settings.PLANWATCH_OFFICE_NAME,
            # the session's plan, selected in the plan switcher (templatetags.planwatch_nav) on a page of no plan
            "session_plan": _session_plan(request)}
