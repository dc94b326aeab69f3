"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser

    from .accounts.permissions import can_review
    from .cache import TIMEOUT

    # an error page for a request refused before the authentication middleware ran (a bad Host header) has no user
    user = getattr(request, "user", None) or AnonymousUser()
    return {"site_name": "规划实施监测评估平台", "may_review": can_review(user), "cache_timeout": TIMEOUT,
            "show_simulated": settings.PLANWATCH_SHOW_SIMULATED}
