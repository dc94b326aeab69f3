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
- A result that no caller changes may be kept ``shared``: the object, in the process, under the same key.
- A fragment of the page shell that every page renders (the navigation's links, the plan switcher) is
  :func:`rendered` once per process for each combination of its inputs, the language and the script prefix, and
  kept in the process (:data:`SHELL_FRAGMENTS` of them, the least recently used leaving first). Its inputs are
  all it may read — it is rendered without the request, so no user, session or CSRF token can leak into
  another person's page — and they carry the data themselves (the plans offered, read afresh on every page),
  so it is never stale and needs no stamp.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import cache as _store
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
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


SHARED_RESULTS = 32  # results kept as objects per process (``cached(..., shared=True)``), the oldest leaving first
_shared: OrderedDict[str, Any] = OrderedDict()
_shared_lock = threading.Lock()


def cached(name: str, plan: Plan, *parts: object, compute: Callable[[], T], shared: bool = False) -> T:
    """The result ``name`` of ``plan`` for ``parts``, computed by ``compute`` when the cache does not hold it
    under the current stamp. ``compute`` must not return None (None is "not cached").

    ``shared``: for a result that no caller changes, the object itself is kept in the process under the same key
    (the last :data:`SHARED_RESULTS` of them) and handed to every request, instead of a copy unpickled from the
    cache each time (0.8 ms of CPU a page for the overview's summary, docs/benchmarks.md); the key holds the
    stamp, so it is as fresh as the cache."""
    k = cache_key(name, plan, *parts)
    if shared:
        with _shared_lock:
            if k in _shared:
                _shared.move_to_end(k)
                return _shared[k]  # type: ignore[no-any-return]
    value: T | None = _store.get(k)
    if value is None:
        value = compute()
        _store.set(k, value, TIMEOUT)
    if shared:
        with _shared_lock:
            _shared[k] = value
            while len(_shared) > SHARED_RESULTS:
                _shared.popitem(last=False)
    return value


def peek(name: str, plan: Plan, *parts: object) -> Any:
    """The cached result, or None: for a caller that must decide before computing (a report waits for a slot)."""
    return _store.get(cache_key(name, plan, *parts))


SHELL_FRAGMENTS = 512  # rendered shell fragments kept per process (a few dozen in use: pages × roles × languages)


@functools.lru_cache(maxsize=SHELL_FRAGMENTS)
def _render(template_name: str, language: str | None, prefix: str, inputs: tuple[tuple[str, Hashable], ...]) -> str:
    html: str = render_to_string(template_name, dict(inputs))
    return html


def rendered(template_name: str, **inputs: Hashable) -> SafeString:
    """The template rendered with ``inputs`` alone (see the rules above), in the request's language: the same
    string as rendering it afresh, without the 10–20 template nodes per link of every page's navigation."""
    return mark_safe(_render(template_name, get_language(), get_script_prefix(), tuple(sorted(inputs.items()))))
