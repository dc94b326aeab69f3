"""The navigation every page shows, rendered from its templates through :func:`web.cache.rendered`: the links
(``web/_nav_links.html``) and the plan switcher (``web/_plan_switch.html``), each from the few inputs it depends
on, so that a page pays for its navigation once per process and combination instead of on every request."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from ..cache import rendered
from ..ledgers.models import KINDS
from ..params import switchable_plans

register = template.Library()


def _where(context: template.Context) -> tuple[str | None, dict[str, Any]]:
    match = getattr(context.get("request"), "resolver_match", None)
    return (match.url_name, match.kwargs) if match is not None else (None, {})


@register.simple_tag(takes_context=True)
def nav_links(context: template.Context) -> SafeString:
    """The main navigation: the links the person may follow, the page's own marked active."""
    here, kwargs = _where(context)
    kind = kwargs.get("kind")
    user = context.get("user")
    return rendered("web/_nav_links.html", here=here, kind=kind if kind in KINDS else None,
                    signed_in=bool(user and user.is_authenticated), may_review=bool(context.get("may_review")))


@register.simple_tag(takes_context=True)
def plan_switch(context: template.Context) -> SafeString:
    """规划切换: the plans in use with an indicator table (``params.switchable_plans``, read on every page), the
    page's plan (else the session's) selected. A page whose address names a plan goes to the overview of the one
    chosen (the public portal for the public); any other page is shown again for the chosen plan."""
    request = context.get("request")
    if request is None:  # Django renders its 400 and 500 pages without the request (and without the database)
        return SafeString("")
    plans = tuple(switchable_plans())
    if len(plans) < 2:
        return SafeString("")
    _, kwargs = _where(context)
    user = context.get("user")
    if kwargs.get("plan") or kwargs.get("pk"):
        action = reverse("overview" if user and user.is_authenticated else "public")
    else:
        action = request.path
    current = getattr(context.get("plan"), "pk", None) or context.get("session_plan")
    return rendered("web/_plan_switch.html", plans=plans, current=current, action=action)
