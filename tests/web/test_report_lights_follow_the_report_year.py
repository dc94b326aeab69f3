"""A report's chapter rows (web.reports._work_items): a commitment linked to an indicator takes its light from
the report's own evaluation — its year and audience — not from this year's; and the ledgers are read in a few
queries whatever their length (no query per item)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.core.ledger import light_of_status
from planwatch.web.ledgers.models import CommitmentLink
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Commitment, Plan
from planwatch.web.reports import report_inputs


def _lights(plan: Plan, year: int) -> dict[str, str]:
    return {i.title: i.light for i in report_inputs(plan, year, "annual", public=False).items
            if i.kind == "commitment"}


def test_a_linked_commitment_is_judged_in_the_report_year(demo: Plan) -> None:
    links = list(CommitmentLink.objects.filter(commitment__plan=demo, indicator__isnull=False)
                 .select_related("indicator", "commitment"))
    assert links
    differ = 0
    for year in (2021, 2025):
        statuses = {e.no: e.status for e in evaluate_plan(demo, year, public=False)[0]}
        lights = _lights(demo, year)
        for link in links:
            expected = light_of_status(statuses[link.indicator.no])
            if expected is not None:
                assert lights[str(link.commitment)] == expected, (year, link)
    early, late = _lights(demo, 2021), _lights(demo, 2025)
    differ = sum(early[str(link.commitment)] != late[str(link.commitment)] for link in links)
    assert differ  # the demo's lagging indicators of 2025 were on track in 2021: the year matters


def _queries(plan: Plan) -> int:
    with CaptureQueriesContext(connection) as queries:
        report_inputs(plan, 2024, "annual", public=False)
    return len(queries)


def test_the_ledgers_are_read_without_a_query_per_item(demo: Plan) -> None:
    _queries(demo)  # the evaluation is cached after the first
    before = _queries(demo)
    template: Any = Commitment.objects.filter(plan=demo).order_by("id").first()
    for n in range(15):
        template.pk = None
        template.quantity = f"新增承诺{n}"
        template.save()
    assert _queries(demo) == before
