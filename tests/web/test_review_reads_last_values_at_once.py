"""The review page shows each pending value beside last year's value of the same period; it reads them for all
pending values in one query (monitoring.services.last_values), giving for every value what last_value gives
for it alone: full years (final and estimated), quarters against the same quarter, returned values left out."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planwatch.web.monitoring.models import Flag, Observation, Status
from planwatch.web.monitoring.services import last_value, last_values
from planwatch.web.plans.models import Plan


def _add(plan: Plan, no: int, year: int, value: float, period: str = "", flag: str = Flag.FINAL,
         status: str = Status.SUBMITTED) -> Observation:
    return Observation.objects.create(indicator=plan.indicators.get(no=no), region=plan.region, year=year,  # type: ignore[no-any-return]
                                      period=period, value=value, flag=flag, status=status, source="示例")


def test_one_query_gives_each_value_its_last_value(demo: Plan) -> None:
    Observation.objects.filter(indicator__plan=demo, region=demo.region, year__in=(2024, 2025)).delete()
    rows = [_add(demo, 1, 2025, 7.1), _add(demo, 1, 2024, 6.0, flag=Flag.EXPECTED),
            _add(demo, 2, 2025, 110.0, period="2025Q3", flag=Flag.PARTIAL),
            _add(demo, 2, 2024, 100.0, period="2024Q3", flag=Flag.PARTIAL),
            _add(demo, 2, 2024, 90.0, period="2024Q2", flag=Flag.PARTIAL),
            _add(demo, 3, 2025, 50.0), _add(demo, 3, 2024, 40.0, status=Status.RETURNED),
            _add(demo, 4, 2025, 9.0)]
    pending = list(Observation.objects.filter(pk__in=[o.pk for o in rows]).select_related("indicator", "region"))
    with CaptureQueriesContext(connection) as queries:
        found = last_values(pending)
    assert len(queries) == 1
    one_by_one = {o.pk: last_value(o.indicator, o.region, o.year, o.period) for o in pending}
    assert {pk: c.value if c else None for pk, c in found.items()} == {
        pk: c.value if c else None for pk, c in one_by_one.items()}
    by_row = {(o.indicator.no, o.year, o.period): found[o.pk] for o in pending}
    assert by_row[(1, 2025, "")].value == 6.0  # last year's estimate
    assert by_row[(2, 2025, "2025Q3")].value == 100.0  # the same quarter a year earlier, not Q2
    assert by_row[(3, 2025, "")] is None  # last year's value was returned
    assert by_row[(4, 2025, "")] is None  # none at all


def test_the_review_page_does_not_query_per_pending_value(admin_client: Client, demo: Plan) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/review/").status_code == 200
        return len(queries)

    _add(demo, 1, 2025, 7.1)
    few = count()
    for no in range(2, 12):
        _add(demo, no, 2025, 1.0)
    assert count() <= few + 1  # ten more pending values, not ten more queries
