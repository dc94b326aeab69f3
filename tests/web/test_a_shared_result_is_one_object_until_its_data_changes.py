"""cache.cached(..., shared=True) hands every request the same object (no copy unpickled per request) until the
plan's data moves on — here by a bare UPDATE of its data_version, as another worker's write would — and then
computes afresh; the shared objects of a process are bounded (cache.SHARED_RESULTS)."""

from __future__ import annotations

from django.db.models import F

from planwatch.web import cache
from planwatch.web.plans.models import Plan


def _fresh(plan: Plan) -> Plan:
    return cache.loaded_fresh(Plan.objects.get(pk=plan.pk))  # as params.requested_plan reads it on every page


def test_the_same_object_until_the_data_version_moves(demo: Plan) -> None:
    computed: list[dict[str, int]] = []

    def compute() -> dict[str, int]:
        computed.append({"n": len(computed)})
        return computed[-1]

    first = cache.cached("shared-test", _fresh(demo), 2025, compute=compute, shared=True)
    again = cache.cached("shared-test", _fresh(demo), 2025, compute=compute, shared=True)
    assert again is first and len(computed) == 1
    assert cache.cached("shared-test", _fresh(demo), 2024, compute=compute, shared=True) is not first  # other parts
    Plan.objects.filter(pk=demo.pk).update(data_version=F("data_version") + 1)
    after = cache.cached("shared-test", _fresh(demo), 2025, compute=compute, shared=True)
    assert after is not first and after == {"n": 2} and len(computed) == 3


def test_a_result_not_shared_is_a_copy_each_time(demo: Plan) -> None:
    first = cache.cached("copy-test", _fresh(demo), compute=lambda: {"a": [1]})
    again = cache.cached("copy-test", _fresh(demo), compute=lambda: {"a": [2]})
    assert again == first == {"a": [1]} and again is not first


def test_the_process_keeps_a_bounded_number(demo: Plan) -> None:
    plan = _fresh(demo)
    for year in range(cache.SHARED_RESULTS + 10):
        cache.cached("bound-test", plan, year, compute=lambda: [0], shared=True)
    assert len(cache._shared) <= cache.SHARED_RESULTS
