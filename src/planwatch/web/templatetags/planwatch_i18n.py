"""Translate labels that come from the core (statuses, kinds) or from model choices, whose Chinese text is the
message id. ``{{ label|tr }}`` looks the label up as it is; ``{{ label|tr:"status" }}`` looks it up in a context,
for a word that the catalogue already holds with another meaning (退回 the button, 退回 the status)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext, pgettext

register = template.Library()


@register.filter
def tr(value: object, context: str = "") -> str:
    if value in (None, ""):
        return ""
    return pgettext(context, str(value)) if context else gettext(str(value))


@register.filter
def tr_counts(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(status label, count) pairs with the labels translated, for a chart's axis."""
    return [(gettext(label), n) for label, n in pairs]


@register.filter
def explained(evaluation: object) -> str:
    """An evaluation's sentence in the page's language (the core writes both; Chinese is the default)."""
    from django.utils.translation import get_language

    english = getattr(evaluation, "explanation_en", "")
    if english and (get_language() or "").startswith("en"):
        return str(english)
    return str(getattr(evaluation, "explanation", ""))
