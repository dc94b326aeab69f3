"""The interface language: Chinese unless the person chose English with the switch.

Rules:

- pages are Chinese (LANGUAGE_CODE) whatever the browser's Accept-Language says: English comes only from the
  switch on every page, which sets the language cookie (kept LANGUAGE_COOKIE_AGE);
- the REST API (``/api/``) follows the cookie, then Accept-Language, as Django does: a program states the
  language it wants its error messages in;
- a signed-in person's choice is kept on their profile (``Profile.language``): the switch stores it, and signing
  in, on any browser, sets the cookie from it. A choice made with the switch before signing in (on the login
  page) is stored for the person who then signs in, when they have none yet;
- signing out removes the cookie, so that the next person at the same browser starts in Chinese (or in their own
  choice once they sign in).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

API_PREFIX = "/api/"  # urls.py mounts the REST API here
_REMEMBER = "_planwatch_language"  # the request attribute that asks the middleware to set ("") or drop the cookie


def supported(code: str | None) -> str | None:
    """``code`` as one of settings.LANGUAGES (``en-us`` → ``en``), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def chosen_language(request: HttpRequest) -> str:
    """The language of this request's answer (see the module docstring)."""
    if request.path_info.startswith(API_PREFIX):
        return translation.get_language_from_request(request)
    return supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE


class LanguageMiddleware:
    """In place of Django's LocaleMiddleware: activates the chosen language and sets or removes the cookie when
    signing in or out asked for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        remember = getattr(request, _REMEMBER, None)
        if remember:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, remember, max_age=settings.LANGUAGE_COOKIE_AGE,
                                path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                                secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                                samesite=settings.LANGUAGE_COOKIE_SAMESITE)
        elif remember == "":
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH,
                                   domain=settings.LANGUAGE_COOKIE_DOMAIN, samesite=settings.LANGUAGE_COOKIE_SAMESITE)
        if request.path_info.startswith(API_PREFIX):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def _profile(user: Any) -> Any:
    from .accounts.models import Profile

    try:
        return user.profile
    except Profile.DoesNotExist:  # a superuser made with createsuperuser has no role
        return None


@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """The language switch: Django's set_language (checks ``next``, sets the cookie), and the choice kept on the
    signed-in person's profile."""
    from .accounts.models import Profile

    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        profile = _profile(request.user)
        if profile is not None and profile.language != language:
            Profile.objects.filter(pk=profile.pk).update(language=language)
    return response


@receiver(user_logged_in)
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    from .accounts.models import Profile

    profile = _profile(user)
    if request is None or profile is None:
        return
    if profile.language:
        setattr(request, _REMEMBER, profile.language)
        return
    before = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if before and before != settings.LANGUAGE_CODE:  # chosen with the switch on the login page
        Profile.objects.filter(pk=profile.pk).update(language=before)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None:
        setattr(request, _REMEMBER, "")
