"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    from .accounts.permissions import role_of

    return {"site_name": "规划实施监测评估平台", "role": role_of(request.user),
            "show_simulated": settings.PLANWATCH_SHOW_SIMULATED}
