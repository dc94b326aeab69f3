"""The demo carries the national 14th FYP with its published 2021–2025 values, each with its source, and the national
15th FYP table, both labelled with where the table comes from; the district's plan stays the one pages open with."""

from __future__ import annotations

import csv

from django.test import Client

from planwatch.web.demo import DATA
from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan


def _national() -> tuple[Plan, Plan]:
    plans = list(Plan.objects.filter(region__name="全国").order_by("base_year"))
    assert len(plans) == 2
    return plans[0], plans[1]


def test_the_national_plans_are_loaded_with_their_source(demo: Plan) -> None:
    fourteenth, fifteenth = _national()
    assert (fourteenth.base_year, fourteenth.end_year, fourteenth.indicators.count()) == (2020, 2025, 20)
    assert (fifteenth.base_year, fifteenth.end_year, fifteenth.indicators.count()) == (2025, 2030, 21)
    for plan in (fourteenth, fifteenth):
        assert "中国政府网" in plan.source_name and plan.parent is None
    assert fifteenth.indicators.get(label="10.2").name.endswith("注册护士数")
    assert demo.region.name == "金普新区"  # the demo fixture (first master plan) is still the district's


def test_every_national_value_is_real_and_carries_its_source(demo: Plan) -> None:
    fourteenth, _ = _national()
    with (DATA / "national-14th-observations.csv").open(encoding="utf-8") as fh:
        published = [r for r in csv.DictReader(fh) if r["value"].strip()]
    stored = Observation.objects.filter(indicator__plan=fourteenth)
    assert stored.count() == len(published)
    assert not stored.filter(simulated=True).exists() and not stored.filter(source="").exists()
    by_key = {(o.indicator.no, o.year): o for o in stored.select_related("indicator")}
    for row in published:
        o = by_key[(int(row["indicator_no"]), int(row["year"]))]
        assert o.value == float(row["value"])
        assert (row["source"].strip() or row["note"].strip())[:100] in o.source
        if "proxy" in row["note"]:
            assert "proxy" in o.source  # a proxy says so


def test_the_national_14th_is_finally_evaluated_on_its_published_values(demo: Plan, outsider: Client) -> None:
    fourteenth, _ = _national()
    results, simulated = evaluate_plan(fourteenth, 2025, True)
    assert not simulated
    assert sum(e.status != "no_data" for e in results) >= 15  # most indicators have published figures
    page = outsider.get(f"/plans/{fourteenth.pk}/indicators/1/?as_of=2025").content.decode()
    source = Observation.objects.filter(indicator__plan=fourteenth, indicator__no=1, year=2021).get().source
    assert source[:40] in page  # the page shows where each value comes from
