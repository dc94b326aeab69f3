"""With the 指标库 entries the national 14th shares with the district confirmed (人均预期寿命, 森林覆盖率…, demo
.confirm_continuations), the national 14th for 全国 is still evaluated on its own published values: no cell is rolled
up from the one district loaded below it (全国 is marked 下辖地区未全部录入), and the district's simulated values,
read but not counting, do not mark it simulated. Looked at for 金普新区, the same plan shows the district's values."""

from __future__ import annotations

from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.services import counted_values, evaluate_plan, visible_observations
from planwatch.web.plans.models import Indicator, Plan


def _shared(fourteenth: Plan) -> list[Indicator]:
    return list(fourteenth.indicators.filter(entry__confirmed=True).order_by("no"))


def test_the_country_keeps_its_own_values(demo: Plan) -> None:
    fourteenth = Plan.objects.get(region__name="全国", base_year=2020)
    shared = _shared(fourteenth)
    assert len(shared) >= 5  # the demo confirmed the entries the district carries too
    country, district = Region.objects.get(name="全国"), Region.objects.get(name="金普新区")
    read = visible_observations(fourteenth, public=False)
    assert read.filter(region=district, simulated=True, plan_no__in=[i.no for i in shared]).exists()  # read below
    own = counted_values(read.filter(region=country))
    results, simulated = evaluate_plan(fourteenth, 2025, False)
    assert not simulated
    for e in results:
        years = [year for (no, _, year) in own if no == e.no and year <= 2025]
        if not years:  # the national data lack it: it stays empty, never the district's figure
            assert e.status == "no_data" and e.actual is None, e.name
        elif e.actual is not None and e.actual_year is not None and e.kind == "level":
            assert e.actual == own[(e.no, country.name, e.actual_year)].value, e.name
    by_district, _ = evaluate_plan(fourteenth, 2025, False, region=district)
    district_values = counted_values(read.filter(region=district))
    for e in by_district:
        if e.no in {i.no for i in shared} and e.actual is not None and e.kind == "level" and e.actual_year:
            assert e.actual == district_values[(e.no, district.name, e.actual_year)].value, e.name
    assert any(e.no in {i.no for i in shared} and e.actual is not None for e in by_district)
