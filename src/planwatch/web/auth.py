"""Login with throttling: after LOGIN_FAILURE_LIMIT failures for one user name from one address within
LOGIN_FAILURE_WINDOW seconds, further attempts are refused (HTTP 429) until the window has passed."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext


def _key(request: HttpRequest) -> str:
    who = (request.POST.get("username") or "").strip().lower()
    address = request.META.get("REMOTE_ADDR", "")
    return "login-failures:" + hashlib.sha256(f"{who}|{address}".encode()).hexdigest()


class ThrottledLoginView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = _key(request)
        if cache.get(key, 0) >= settings.LOGIN_FAILURE_LIMIT:
            minutes = settings.LOGIN_FAILURE_WINDOW // 60
            form = self.get_form()
            form.errors.clear()
            response = self.render_to_response(self.get_context_data(
                form=form, throttled=gettext("登录失败次数过多，请%(minutes)s分钟后再试") % {"minutes": minutes}))
            response.status_code = 429
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: wrong name or password
            cache.add(key, 0, settings.LOGIN_FAILURE_WINDOW)
            cache.incr(key)
        else:
            cache.delete(key)
        return response


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
