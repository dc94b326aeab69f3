"""Figures as every table shows them: thousands separators, whole numbers for counts (core.spec.counts_whole),
at most two decimals otherwise, "—" for no value; and the 序号 as the plan prints it."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from ...core.spec import counts_whole

register = template.Library()


@register.filter
def figure(value: float | None, row: object) -> str:
    """``{{ e.actual|figure:e }}``: the value of row ``row`` (an evaluation or an indicator, with name and unit)."""
    if value is None:
        return "—"
    whole = counts_whole(str(getattr(row, "name", "")), str(getattr(row, "unit", "")))
    number = round(float(value), 0 if whole else 2)
    if whole or number == int(number):
        return f"{int(number):,}"
    return f"{number:,.2f}"


@register.filter
def printed_no(row: object, labels: Mapping[int, str] | None) -> str:
    """The 序号 as printed (10.1) for an evaluation's internal number, when the page gives the labels."""
    no = getattr(row, "no", "")
    return str((labels or {}).get(no, no)) if isinstance(no, int) else str(no)
