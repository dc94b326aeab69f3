"""What people type into forms and query strings, read in one place: whole and decimal numbers, and the
``plan`` / ``region`` / ``as_of`` of every page that shows a plan's results (:func:`scope`).

The rules:

- A number is ASCII digits only and within the range of every id and year column; anything else is no number
  (None), never an exception.
- ``?plan=`` names a plan in use (imported and confirmed) and is remembered in the session (the plan switcher);
  without it, the plan the session chose, else the first master plan. No plan: 404.
- ``?region=`` is the plan's own region or one below it (values roll up from below); another region, or one
  that does not exist: 404. The region carries ``path``, the regions above it, for the region switcher.
- ``?as_of=`` is a year of the plan period, clamped to it (first year after the base year … the end year);
  without it, the plan's end year.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import connection
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from .accounts.models import Region
from .cache import loaded_fresh
from .plans.models import Plan

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,10}")


def as_int(value: object) -> int | None:
    """A whole number from a form field or query parameter, or None — never an exception on odd input. The
    one parser for numbers people type: ASCII digits only (``"²".isdigit()`` is True and ``int("٣")`` is 3;
    ``int("1_0")`` is 10), and within the range of every id and year column."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if -(2**31) < number < 2**31 else None  # beyond any id or year: treated as no number


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def as_number(value: object) -> float | None:
    """A finite decimal number typed into a form (thousands commas allowed), or None: ASCII digits only, and
    never NaN or infinity (``float("nan")`` and ``float("1e999")`` are floats, but no value)."""
    text = str(value).strip().replace(",", "")[:40] if isinstance(value, str) else ""
    if not _DECIMAL.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class Scope:
    """What a page of results is about: the plan, the region and the year evaluated (``as_of``)."""

    plan: Plan
    region: Region
    as_of: int


SESSION_PLAN = "planwatch_plan"  # the plan chosen with the plan switcher (``?plan=``), kept for the session


def requested_plan(request: HttpRequest) -> Plan:
    """The plan asked for (``?plan=``, remembered in the session for the pages that follow), else the plan the
    session chose last, else the first master plan. A ``?plan=`` naming no plan in use is a 404; a remembered
    plan no longer in use is forgotten."""
    asked = request.GET.get("plan")
    wanted = as_int(asked)
    session = getattr(request, "session", None)
    plans = Plan.objects.in_use().select_related("region")
    if wanted is None and asked is None and session is not None:
        remembered = as_int(session.get(SESSION_PLAN))
        plan = plans.filter(pk=remembered).first() if remembered else None
        if plan is not None:
            return loaded_fresh(plan)
    plan = plans.filter(pk=wanted).first() if wanted else plans.filter(parent__isnull=True).order_by("id").first()
    if plan is None:
        raise Http404(gettext("尚未导入规划"))
    if wanted and session is not None and session.get(SESSION_PLAN) != plan.pk:
        session[SESSION_PLAN] = plan.pk
    return loaded_fresh(plan)


class SwitchPlan(NamedTuple):
    """A plan as the plan switcher offers it."""

    pk: int
    title: str
    base_year: int | None
    end_year: int | None
    region_name: str


_SWITCH_SQL: dict[str, tuple[str, tuple[Any, ...]]] = {}  # the switcher's query, compiled once per database vendor


def switchable_plans() -> list[SwitchPlan]:
    """The plans the plan switcher offers: every plan in use with a main-indicator table (the 14th open for its
    final evaluation beside the 15th, an upper plan beside the local one), in the order imported (the default plan
    first). Every page's navigation shows it, so the query is compiled once per process (it has no parameter that
    changes between requests) and run afresh on every render: a plan imported, confirmed, renamed or withdrawn in
    any worker is offered, or no longer offered, on the next page of every worker. Building the query with the
    ORM was nine tenths of its cost (0.44 ms against 0.04 ms, docs/benchmarks.md)."""
    compiled = _SWITCH_SQL.get(connection.vendor)
    if compiled is None:
        plans = Plan.objects.in_use().filter(indicators__isnull=False).distinct().order_by("id")
        compiled = plans.values_list("id", "title", "base_year", "end_year", "region__name").query.sql_with_params()
        _SWITCH_SQL[connection.vendor] = compiled
    with connection.cursor() as cursor:
        cursor.execute(*compiled)
        return [SwitchPlan(*row) for row in cursor.fetchall()]


def scope(request: HttpRequest, plan: Plan | None = None) -> Scope:
    """The plan (``plan`` when the URL names it already, else ``?plan=``), ``?region=`` and ``?as_of=``."""
    plan = plan or requested_plan(request)
    return Scope(plan, _region(request, plan), _as_of(request, plan))


def _region(request: HttpRequest, plan: Plan) -> Region:
    wanted = as_int(request.GET.get("region"))
    if not wanted or wanted == plan.region_id:
        return plan.region
    chain = Region.chain(wanted)  # the region and the regions above it; the bound of 20 levels guards a cycle
    if not chain:
        raise Http404(gettext("没有这个地区"))
    if all(r.pk != plan.region_id for r in chain):
        raise Http404(gettext("该地区不在本规划的范围内"))
    region = chain[0]
    region.path = [r for r in reversed(chain[1:])]  # type: ignore[attr-defined]  # for the region switcher
    return region


def _as_of(request: HttpRequest, plan: Plan) -> int:
    year = as_int(request.GET.get("as_of", ""))
    if year is None:
        return plan.current_year
    return max(min(year, plan.end_year or year), (plan.base_year or year) + 1)
