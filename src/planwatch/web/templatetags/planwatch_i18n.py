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
def tr_counts(pairs: list[tuple[Status, int]]) -> list[dict[str, object]]:
    """(status, count) pairs as a chart's bars: the label translated, the status's code and colour from the
    status vocabulary (a lagging status's bar in its colour), and whether it lags."""
    return [{"name": gettext(status.zh), "value": n, "code": status.code, "colour": f"#{status.colour}",
             "lags": status.lags} for status, n in pairs]


@register.filter
def lagging_total(pairs: list[tuple[Status, int]]) -> int:
    """How many of the counted indicators have a lagging status (滞后, 逆向, 未完成 …: ``Status.lags``)."""
    return sum(n for status, n in pairs if status.lags)


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
