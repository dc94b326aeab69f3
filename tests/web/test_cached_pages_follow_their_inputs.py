"""Cached pages and answers are rebuilt as soon as anything they show changes, in every worker: a region's
population (the weight of roll-ups), a department's name, a lead unit, a value — not an hour later."""

from __future__ import annotations

import math

from django.test import Client

from planwatch.web.accounts.models import Department, Region
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Plan
from planwatch.web.synthetic_load import load_country


def _actual(client: Client, plan: Plan, region: Region, no: int) -> float:
    response = client.get("/overview/", {"plan": plan.pk, "region": region.pk, "as_of": 2024})
    return next(e.actual for e in response.context["results"] if e.no == no)


def test_a_new_population_changes_the_roll_up_at_once(leader: Client, demo: Plan) -> None:
    country = load_country(counties=4, indicators=25, seed=11)
    plan, nation = country.plan, country.plan.region
    no = next(i.no for i in plan.indicators.order_by("no") if i.unit == "%" and i.kind == "level")  # a share
    before = _actual(leader, plan, nation, no)
    county = Region.objects.filter(level="县", name__startswith="模拟").order_by("id").first()
    assert county is not None
    county.population = (county.population or 0) * 50  # its value now weighs 50 times as much
    county.save()
    rows = Observation.objects.filter(indicator__plan=plan, indicator__no=no, year=2024).select_related("region")
    pairs = [(o.value, o.region.population) for o in rows]
    expected = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
    after = _actual(leader, plan, nation, no)
    assert not math.isclose(after, before, rel_tol=1e-9)
    assert math.isclose(after, expected, rel_tol=1e-6)


def test_a_renamed_department_shows_its_new_name_at_once(leader: Client, demo: Plan) -> None:
    first = leader.get("/overview/")
    lead, _ = next((d, n) for d, n in first.context["by_department"] if getattr(d, "pk", None))
    assert lead.name in first.content.decode()
    department = Department.objects.get(pk=lead.pk)
    department.name = "新区统计局（更名后）"
    department.save()
    body = leader.get("/overview/").content.decode()
    assert "新区统计局（更名后）" in body


def test_a_renamed_region_shows_its_new_name_at_once(leader: Client, demo: Plan) -> None:
    leader.get("/overview/")
    region = Region.objects.get(pk=demo.region_id)
    region.name = "金普新区（更名后）"
    region.save()
    assert "金普新区（更名后）" in leader.get("/overview/").content.decode()
