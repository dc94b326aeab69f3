"""Ledger filters: ``{{ node.node_id|location }}`` — a place in the plan as the plan names it (第二章第一节, from
core.locations); ``{{ amount|amount }}`` — an amount in 亿元 with thousands separators and two decimals."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ...core.locations import location as _location

register = template.Library()


@register.filter
def location(node_id: str) -> str:
    return _location(str(node_id or ""))


@register.filter
def amount(value: Decimal | float | None) -> str:
    """``12345.5`` → ``12,345.50``; no value → ``—``."""
    if value is None or value == "":
        return "—"
    return f"{float(value):,.2f}"
