"""Figures as every table shows them: thousands separators, whole numbers for counts (core.spec.counts_whole),
at most two decimals otherwise, "—" for no value; and the 序号 as the plan prints it."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from ...core.spec import counts_whole
from ...exports import Figure

register = template.Library()


@register.filter
def figure(value: float | None, row: object) -> str:
    """``{{ e.actual|figure:e }}``: the value of row ``row`` (an evaluation or an indicator, with name and unit)."""
    if value is None:
        return "—"
    places = decimals(row)
    number = round(float(value), places)
    if not places or number == int(number):
        return f"{int(number):,}"
    return f"{number:,.2f}"


def decimals(row: object) -> int:
    """How many decimals the figures of ``row`` (an evaluation or an indicator) are shown with: 0 for counts,
    2 otherwise — the page's cells and the Excel export's number format (exports.Figure) alike."""
    return 0 if counts_whole(str(getattr(row, "name", "")), str(getattr(row, "unit", ""))) else 2


def cell(value: float | None, row: object) -> Figure:
    """The figure as an Excel cell: the number itself, formatted with ``row``'s decimals."""
    return Figure(None if value is None else float(value), decimals(row))


@register.filter
def printed_no(row: object, labels: Mapping[int, str] | None) -> str:
    """The 序号 as printed (10.1) for an evaluation's internal number, when the page gives the labels."""
    no = getattr(row, "no", "")
    return str((labels or {}).get(no, no)) if isinstance(no, int) else str(no)
