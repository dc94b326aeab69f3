"""Report inputs from the database: the same content builder as the command line, fed from stored data."""

from __future__ import annotations

from typing import Any

from ..core.model import Commitment as CoreCommitment
from ..reports.content import Inputs
from .monitoring.services import evaluate_plan, visible_observations
from .plans.models import Plan


def report_inputs(plan: Plan, as_of: int, kind: Any, public: bool) -> Inputs:
    from .views import _target_path

    results, simulated = evaluate_plan(plan, as_of, public)
    series: dict[int, dict[int, float]] = {}
    for o in visible_observations(plan, public).filter(region=plan.region).order_by("year", "simulated", "id"):
        series.setdefault(o.indicator.no, {}).setdefault(o.year, o.value)  # the value evaluation uses
    indicators = list(plan.indicators.select_related("lead"))
    chapters = [(f"第{n.label}章 {n.title}", plan.tasks.filter(node__node_id__startswith=n.node_id + "/").count()
                 + plan.tasks.filter(node__node_id=n.node_id).count(),
                 plan.projects.filter(node__node_id__startswith=n.node_id + "/").count())
                for n in plan.nodes.filter(kind="chapter").order_by("position")]
    commitments = [CoreCommitment(text=c.text, quantity=c.quantity, subject="", deadline=c.due_year,
                                  recurring=c.recurring, value=c.value, value_max=c.value_max, unit=c.unit,
                                  comparator=c.comparator, change=None, base_year=None,  # type: ignore[arg-type]
                                  node=c.node.node_id) for c in plan.commitments.select_related("node")]
    return Inputs(
        plan_title=plan.title, base_year=plan.base_year or as_of - 5, end_year=plan.end_year or as_of, as_of=as_of,
        kind=kind, results=results, region=plan.region.name,
        leads={i.no: i.lead.name for i in indicators if i.lead}, series=series,
        paths={i.no: _target_path(plan, i.no) for i in indicators},
        baselines={i.no: i.baseline_value for i in indicators},
        targets={i.no: i.target_raw if i.target_raw not in ("", "—") else (i.growth_raw and f"年均增长{i.growth_raw}")
                 for i in indicators},
        commitments=commitments, chapters=chapters, simulated=simulated)
