"""Translate labels that come from the core (statuses, kinds), whose Chinese text is the message id."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def tr(value: object) -> str:
    return gettext(str(value)) if value not in (None, "") else ""
