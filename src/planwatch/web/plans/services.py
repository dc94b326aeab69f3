"""Writing a digitised plan into the database: one function, one transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction

from ...core.kinds import plan_specs
from ...core.model import Indicator as CoreIndicator
from ...core.model import Node as CoreNode
from ...core.model import Plan as CorePlan
from ..accounts.models import Region
from .models import Commitment, Indicator, Node, Plan, Project, Task, touch_plans


def store_indicators(plan: Plan, indicators: Sequence[CoreIndicator],
                     upper: Mapping[int, int] | None = None) -> list[Indicator]:
    """The plan's main indicators (表1-1 rows) with their inferred kind and direction; ``upper`` links an
    indicator number to the id of the upper-level indicator it implements (规划衔接)."""
    base, end = plan.base_year, plan.end_year
    specs = {s.no: s for s in plan_specs(indicators, base or 0, end or 0)} if base and end else {}
    touch_plans([plan.pk])  # bulk_create sends no signals; a reused id must not meet an old cache entry
    return Indicator.objects.bulk_create([Indicator(
        plan=plan, no=i.no, category=i.category, name=i.name, unit=i.unit, baseline_year=i.baseline_year,
        baseline_value=i.baseline_value, baseline_raw=i.baseline_raw, target_year=i.target_year,
        target_raw=i.target.raw, growth_raw=i.growth.raw, attribute=i.attribute or "", notes=list(i.notes),
        kind=specs[i.no].kind if i.no in specs else "", direction=specs[i.no].direction if i.no in specs else "",
        upper_id=(upper or {}).get(i.no)) for i in indicators])


def import_plan(core: CorePlan, region: Region, title: str | None = None, parent: Plan | None = None) -> Plan:
    """Store a plan from planwatch.core.extract with its outline, indicators, tasks, projects, commitments.

    The search tokens are computed first, outside the transaction: on SQLite the transaction holds the one
    write lock, and other users' saves wait for it (a 3.5 MB plan: 40 s of segmenting before, well under a
    second of writing now)."""
    from .search import pretokenise

    return _store_plan(core, region, title, parent, pretokenise(core))


@transaction.atomic
def _store_plan(core: CorePlan, region: Region, title: str | None, parent: Plan | None,
                tokens: Mapping[str, str]) -> Plan:
    base, end = core.plan_years
    plan = Plan.objects.create(title=title or core.title or "未命名规划", region=region, parent=parent,
                               base_year=base, end_year=end, source_name=core.source.path.rsplit("/", 1)[-1],
                               source_format=core.source.format)
    by_id = _store_outline(plan, core.root)
    store_indicators(plan, core.indicators)
    Task.objects.bulk_create([Task(plan=plan, node=by_id[t.node], title=t.title[:200], body=t.body)
                              for t in core.tasks])
    Project.objects.bulk_create([Project(plan=plan, node=by_id[p.node], name=p.name[:200], column=p.column,
                                         sector=p.sector[:100]) for p in core.projects])
    Commitment.objects.bulk_create([Commitment(
        plan=plan, node=by_id[c.node], text=c.text, quantity=c.quantity[:300], due_year=c.deadline,
        recurring=c.recurring, value=c.value, value_max=c.value_max, unit=c.unit, comparator=c.comparator)
        for c in core.commitments])
    from .search import build_index  # same transaction: a plan is never stored without its index

    build_index(plan, tokens)
    return plan


def _store_outline(plan: Plan, root: CoreNode) -> dict[str, Node]:
    """The outline in document order (``position``), one INSERT per tree level rather than one per node."""
    by_id: dict[str, Node] = {}
    level: list[tuple[CoreNode, str | None]] = [(child, None) for child in root.children]
    positions = {node.id: i for i, node in enumerate(root.walk())}  # the root itself is 0
    while level:
        rows = [Node(plan=plan, node_id=node.id, kind=node.kind, label=node.label, title=node.title[:200],
                     text="\n".join(node.paragraphs), parent=by_id[parent] if parent else None,
                     position=positions[node.id]) for node, parent in level]
        for row in Node.objects.bulk_create(rows):
            by_id[row.node_id] = row
        level = [(child, node.id) for node, _ in level for child in node.children]
    return by_id
