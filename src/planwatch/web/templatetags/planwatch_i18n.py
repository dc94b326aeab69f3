"""Translate labels that come from the core (statuses, kinds) or from model choices, whose Chinese text is the
message id. ``{{ label|tr }}`` looks the label up as it is; ``{{ label|tr:"status" }}`` looks it up in a context,
for a word that the catalogue already holds with another meaning (退回 the button, 退回 the status)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from ...core.evaluation import Evaluation
from ...core.statuses import STATUSES, Status

register = template.Library()


@register.filter
def tr(value: object, context: str = "") -> str:
    if value in (None, ""):
        return ""
    return pgettext(context, str(value)) if context else gettext(str(value))


@register.filter
def tr_counts(pairs: list[tuple[Status, int]]) -> list[tuple[str, int]]:
    """(status, count) pairs with the statuses' labels translated, for a chart's axis."""
    return [(gettext(status.zh), n) for status, n in pairs]


@register.simple_tag
def status_styles() -> str:
    """The colours of the status tags, from the status vocabulary: ``.s-ahead{background:#dcedc8}``."""
    return mark_safe("".join(f".{s.css_class}{{background:#{s.colour.lower()}}}" for s in STATUSES.values()))


@register.filter
def explained(evaluation: object) -> str:
    """An evaluation's sentence in the page's language (rendered on demand; Chinese is the default)."""
    from django.utils.translation import get_language

    if isinstance(evaluation, Evaluation):
        return evaluation.explained("en" if (get_language() or "").startswith("en") else "zh")
    return str(getattr(evaluation, "explanation", ""))
