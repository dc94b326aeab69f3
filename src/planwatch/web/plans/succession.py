"""Plan succession (十四五 → 十五五) on stored plans: the lineage of a plan's indicators from the plan it succeeds,
computed by the core's one pairing (core.lineage), with the old plan's final values as the new baselines where
the new table has none."""

from __future__ import annotations

from ...core.lineage import FinalValue, Lineage, lineage
from ...core.model import Node, Source
from ...core.model import Plan as CorePlan
from ..monitoring.services import core_indicators, counted_values, visible_observations
from .models import Plan


def core_plan(plan: Plan) -> CorePlan:
    """A stored plan as the core reads one: its title, period and indicator table (the outline is not needed to
    pair indicators)."""
    return CorePlan(title=plan.title, source=Source(path=f"plan-{plan.pk}", format="db", encoding=None),
                    root=Node(id="", kind="root", label="", number=None, title=plan.title),
                    indicators=tuple(core_indicators(plan)), period=(plan.base_year, plan.end_year))


def final_values(plan: Plan, public: bool) -> dict[int, FinalValue]:
    """The value that counts (core.series) in the plan's end year, in the plan's own region, per indicator no."""
    year = plan.end_year or 0
    rows = visible_observations(plan, public).filter(region=plan.region, year=year)
    return {no: FinalValue(year, c.value, c.source) for (no, _, _), c in counted_values(rows).items()}


def plan_lineage(old: Plan, new: Plan, public: bool) -> Lineage:
    """Which of ``new``'s indicators continue ``old``'s (with the reason), which are new and which were dropped."""
    return lineage(core_plan(old), core_plan(new), finals=final_values(old, public))
