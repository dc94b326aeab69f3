"""Every cached result of the web shell, through one helper: :func:`cached` (and :func:`peek` for a caller that
must know whether a result is there before it computes), keyed by :func:`cache_key`, which starts with the plan's
:func:`stamp`. The templates' ``{% cache %}`` fragments key on a :func:`cache_key` passed to them as ``stamp``
(and live :data:`TIMEOUT`, ``cache_timeout`` in every template).

The rules:

- The stamp is what any cached result of a plan depends on: the plan's ``data_version`` and the language of
  the request. ``data_version`` is moved on, in the writing transaction, by every change to the plan's values
  and indicators (targets, kind, lead units; ``monitoring.signals``), by every bulk writer
  (``plans.models.touch_plans``), and by every change to a region (its name, its population — the weight of
  population-weighted roll-ups — or its place in the tree) or to a department (its name), for every plan.
- The stamp is read from the database (one indexed read, once per request), never kept in a process: each
  worker has its own cache, and a write in one worker must reach every other at once. An entry whose stamp has
  moved on is never read again; it leaves the cache after :data:`TIMEOUT` or when the cache is full.
- What a result depends on beyond the stamp (the year, the audience, the region, the format …) is part of its
  key, given as ``parts``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache as _store
from django.utils.translation import get_language

from .plans.models import Plan

T = TypeVar("T")

TIMEOUT = 3600  # seconds an entry is kept; it is never read once its stamp has moved on


def loaded_fresh(plan: Plan) -> Plan:
    """Mark a plan row read in this request: its ``data_version`` is current, so :func:`data_stamp` need not
    read it again (one query less on every page)."""
    plan._data_stamp = f"{plan.pk}-{plan.data_version}"  # type: ignore[attr-defined]
    return plan


def data_stamp(plan: Plan) -> str:
    """Changes whenever anything the plan's results depend on changes: the plan's ``data_version`` (see the
    rules above) read afresh, so every worker process sees a change at once. One indexed read however many
    observations there are (an aggregate over a million rows took longer than the page)."""
    memo: str | None = getattr(plan, "_data_stamp", None)  # once per request: the plan object lives that long
    if memo is not None:
        return memo
    version = Plan.objects.filter(pk=plan.pk).values_list("data_version", flat=True).first()
    value = f"{plan.pk}-{version}"
    plan._data_stamp = value  # type: ignore[attr-defined]
    return value


def stamp(plan: Plan) -> str:
    """What every cached result of the plan is keyed by: its :func:`data_stamp` and the request's language."""
    return f"{data_stamp(plan)}-{get_language()}"


def cache_key(name: str, plan: Plan, *parts: object) -> str:
    """The key of result ``name`` of ``plan`` for ``parts``: ``summary:3-1764617000000000-zh-hans:2025:False:1``."""
    return ":".join([name, stamp(plan), *map(str, parts)])


def cached(name: str, plan: Plan, *parts: object, compute: Callable[[], T]) -> T:
    """The result ``name`` of ``plan`` for ``parts``, computed by ``compute`` when the cache does not hold it
    under the current stamp. ``compute`` must not return None (None is "not cached")."""
    k = cache_key(name, plan, *parts)
    value: T | None = _store.get(k)
    if value is None:
        value = compute()
        _store.set(k, value, TIMEOUT)
    return value


def peek(name: str, plan: Plan, *parts: object) -> Any:
    """The cached result, or None: for a caller that must decide before computing (a report waits for a slot)."""
    return _store.get(cache_key(name, plan, *parts))
