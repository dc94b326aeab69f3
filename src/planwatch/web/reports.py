"""Report inputs from the database: the same content builder as the command line, fed from stored data."""

from __future__ import annotations

from typing import Any

from ..core.model import Commitment as CoreCommitment
from ..reports.content import Inputs
from .monitoring.models import full_year_first
from .monitoring.services import evaluate_plan, visible_observations
from .plans.models import Plan


def _chapter(plan: Plan, node: Any) -> tuple[str, int, int, str]:
    """A chapter's tasks and projects with their ledger progress: average progress and lights."""
    from collections import Counter

    from django.db.models import prefetch_related_objects

    from ..core.ledger import LIGHT_LABELS
    from .ledgers.services import item_light
    from .plans.models import Project, Task

    prefix = node.node_id + "/"
    items = [*Task.objects.filter(plan=plan, node__node_id__startswith=prefix).select_related("plan"),
             *Task.objects.filter(plan=plan, node__node_id=node.node_id).select_related("plan"),
             *Project.objects.filter(plan=plan, node__node_id__startswith=prefix).select_related("plan")]
    for model in (Task, Project):  # the lights take milestones into account; one query per kind
        prefetch_related_objects([i for i in items if isinstance(i, model)], "milestones")
    tasks = sum(1 for i in items if isinstance(i, Task))
    if not items:
        return (f"第{node.label}章 {node.title}", 0, 0, "—")
    lights = Counter(item_light(i) for i in items)
    progress = sum(i.progress for i in items) / len(items)
    note = f"平均进度{progress:.0f}%，" + "、".join(f"{LIGHT_LABELS[k]}灯{lights[k]}项" for k in LIGHT_LABELS if lights[k])
    return (f"第{node.label}章 {node.title}", tasks, len(items) - tasks, note)


def report_inputs(plan: Plan, as_of: int, kind: Any, public: bool) -> Inputs:
    from .views import _target_path

    results, simulated = evaluate_plan(plan, as_of, public)
    series: dict[int, dict[int, float]] = {}
    rows = visible_observations(plan, public).filter(region=plan.region).order_by("year", "simulated", "id")
    for o in sorted(rows, key=full_year_first):  # a part-year value never stands for its year's full value
        series.setdefault(o.indicator.no, {}).setdefault(o.year, o.value)  # the value evaluation uses
    indicators = list(plan.indicators.select_related("lead"))
    chapters = [_chapter(plan, n) for n in plan.nodes.filter(kind="chapter").order_by("position")]
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
