"""The signed-in user's own account: their API tokens (list, revoke) and 修改密码. Every page here acts on
``request.user`` only, so there is no permission rule beyond being signed in: another user's token is not
found (404), never refused with a hint that it exists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .models import TOKEN_DAYS, TOKEN_MAX_DAYS, ApiToken


@login_required
def account(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
    return render(request, "web/account.html", {"tokens": tokens, "now": timezone.now(),
                                                "token_days": TOKEN_DAYS, "token_max_days": TOKEN_MAX_DAYS})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, gettext("已撤销接口令牌：%(name)s") % {"name": token.name})
    return redirect("account")


class PasswordChange(auth_views.PasswordChangeView):
    """Django's password change (old password, new one twice, AUTH_PASSWORD_VALIDATORS; the session stays
    valid) in the platform's page; a mistake answers 400. Saving the new password revokes the user's API
    tokens (accounts.models), and the message says how many."""

    template_name = "web/password_change.html"  # not registration/…: the admin app has one there
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        revoked = ApiToken.objects.filter(user=self.request.user).count()
        response = super().form_valid(form)
        messages.success(self.request, gettext("密码已修改；原有的%(n)s个接口令牌已撤销，如需使用接口请重新签发")
                         % {"n": revoked} if revoked else gettext("密码已修改"))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response
