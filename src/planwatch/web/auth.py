"""Login throttling and the authentication backend.

Every login path (the site's /login/, the admin's /admin/login/, any other caller of ``authenticate()``) goes
through django-axes: its backend refuses a locked-out name before any password is checked, its signal handler
counts failures in the database (so every worker process sees one count), and its middleware turns a refusal
into the page below. The rules, set in settings.py from LOGIN_FAILURE_LIMIT and LOGIN_FAILURE_WINDOW:

- a count is kept per user name and client address; the name is normalised the way Django matches it (NFKC:
  full-width ｖｉｃｔｉｍ1 is victim1) and case-folded, so no spelling of a name gets fresh tries;
- the LOGIN_FAILURE_LIMIT-th failure within LOGIN_FAILURE_WINDOW locks the name at that address, and that
  attempt already answers HTTP 429 with 登录失败次数过多，请N分钟后再试 (N: the minutes left, rounded up);
- while locked even the right password is refused; refused attempts do not extend the lockout, which ends
  LOGIN_FAILURE_WINDOW after the last counted failure;
- a successful login clears the count of that name and address.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext


def login_name(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str | None:
    """The name a login attempt is counted under (django-axes' AXES_USERNAME_CALLABLE): NFKC as Django's
    ``normalize_username``, stripped as the login form strips it, then case-folded."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username")
    if name is None:
        return None
    return unicodedata.normalize("NFKC", str(name)).strip().casefold()[:255]  # axes' column holds 255


def _minutes_left(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    from axes.models import AccessAttempt

    window = settings.LOGIN_FAILURE_WINDOW
    last = AccessAttempt.objects.filter(username=login_name(request, credentials),
                                        ip_address=getattr(request, "axes_ip_address", None)
                                        ).aggregate(last=Max("attempt_time"))["last"]
    if last is None:
        return window // 60
    left = (last - timezone.now()).total_seconds() + window
    return max(1, min(window // 60, math.ceil(left / 60)))


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """The answer to a locked-out login attempt on any login page (django-axes' AXES_LOCKOUT_CALLABLE): the
    login page again, with the wait in minutes, HTTP 429, and no form errors that would hint at the password."""
    message = gettext("登录失败次数过多，请%(minutes)s分钟后再试") % {"minutes": _minutes_left(request, credentials)}
    return render(request, "registration/login.html", {
        "form": AuthenticationForm(request), "throttled": message,
        "next": request.POST.get("next", "")}, status=settings.AXES_HTTP_RESPONSE_CODE)


class ProfileBackend(ModelBackend):
    """The default backend, loading the user's role and department (Profile) in the same query as the user:
    every page asks for the role, so this saves a query per request."""

    def get_user(self, user_id: Any) -> Any:
        from django.contrib.auth import get_user_model

        try:
            user = get_user_model()._default_manager.select_related("profile__department").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
