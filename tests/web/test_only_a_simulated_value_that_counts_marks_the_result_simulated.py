"""An evaluation is marked as using simulated values only when a value that counts is simulated: one chosen for the
evaluated region (up to the year evaluated), or one of the values a rolled-up cell was derived from. A simulated
value read but outweighed (by the region's own value, by a real candidate of the same cell, or below a region that
is never rolled up) does not mark it. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.extract import extract_plan
from planwatch.web.accounts.models import Region
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan
from planwatch.web.plans.services import import_plan

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "eval-plan.csv"
TRADE = 3  # 外贸进出口总额, 亿元: summed up the tree


def _country(complete: bool = True) -> tuple[Plan, Region, Region]:
    nation = Region.objects.create(name="示例国", level="国家", subregions_complete=complete)
    district = Region.objects.create(name="示例区", level="区", parent=nation, population=50.0)
    return import_plan(extract_plan(PLAN), nation, title="示例国规划"), nation, district


def _value(plan: Plan, region: Region, value: float, simulated: bool, year: int = 2024, source: str = "") -> None:
    Observation.objects.create(indicator=plan.indicators.get(no=TRADE), region=region, year=year, value=value,
                               simulated=simulated, source=source or ("模拟数据" if simulated else "统计公报"),
                               status=Status.PUBLISHED)


def _simulated(plan: Plan, region: Region) -> bool:
    return evaluate_plan(plan, 2024, public=False, region=region)[1]


@pytest.mark.django_db
def test_a_simulated_value_of_the_region_itself_counts() -> None:
    plan, nation, _district = _country()
    _value(plan, nation, 41000.0, simulated=True)
    assert _simulated(plan, nation)


@pytest.mark.django_db
def test_a_simulated_value_rolled_up_from_below_counts() -> None:
    plan, nation, district = _country()
    _value(plan, district, 3000.0, simulated=True)
    results, simulated = evaluate_plan(plan, 2024, public=False, region=nation)
    assert next(e.actual for e in results if e.no == TRADE) == 3000.0 and simulated


@pytest.mark.django_db
def test_a_simulated_value_below_the_regions_own_does_not_count() -> None:
    plan, nation, district = _country()
    _value(plan, nation, 41000.0, simulated=False)
    _value(plan, district, 3000.0, simulated=True)  # read, but the country's own value wins
    assert not _simulated(plan, nation)
    assert _simulated(plan, district)  # on the district's own page it counts


@pytest.mark.django_db
def test_a_simulated_value_below_a_region_never_rolled_up_does_not_count() -> None:
    plan, nation, district = _country(complete=False)
    _value(plan, district, 3000.0, simulated=True)
    assert not _simulated(plan, nation)


@pytest.mark.django_db
def test_a_simulated_candidate_outweighed_by_a_real_one_does_not_count() -> None:
    plan, nation, _district = _country()
    _value(plan, nation, 40000.0, simulated=True)
    _value(plan, nation, 41000.0, simulated=False)  # same cell, same priority but real: it is chosen
    results, simulated = evaluate_plan(plan, 2024, public=False, region=nation)
    assert next(e.actual for e in results if e.no == TRADE) == 41000.0 and not simulated


@pytest.mark.django_db
def test_a_simulated_value_after_the_year_evaluated_does_not_count() -> None:
    plan, nation, _district = _country()
    _value(plan, nation, 41000.0, simulated=False)
    _value(plan, nation, 42000.0, simulated=True, year=2025)
    assert not _simulated(plan, nation)
    assert evaluate_plan(plan, 2025, public=False, region=nation)[1]
