"""Writing a digitised plan into the database: one function, one transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction

from ...core.corrections import Corrected, Correction, apply_corrections, parse_corrections
from ...core.kinds import plan_specs
from ...core.model import Indicator as CoreIndicator
from ...core.model import Node as CoreNode
from ...core.model import Plan as CorePlan
from ..accounts.models import Region
from .models import Commitment, Indicator, Node, Plan, PlanCorrection, PlanStatus, Project, Task, touch_plans


def store_indicators(plan: Plan, indicators: Sequence[CoreIndicator],
                     upper: Mapping[int, int] | None = None, kinds: Mapping[int, str] | None = None,
                     directions: Mapping[int, str] | None = None) -> list[Indicator]:
    """The plan's main indicators (表1-1 rows) with their inferred kind and direction (``kinds``/``directions``:
    set by a correction); ``upper`` links an indicator number to the id of the upper-level indicator it
    implements (规划衔接)."""
    touch_plans([plan.pk])  # bulk_create sends no signals; a reused id must not meet an old cache entry
    rows = [Indicator(plan=plan, upper_id=(upper or {}).get(i.no)) for i in indicators]
    for row, ind in zip(rows, indicators):
        fill_indicator(row, ind)
    infer_kinds(plan, list(zip(rows, indicators)), kinds or {}, directions or {})
    from .library import propose_entries

    propose_entries(rows, plan.title)  # 指标库: each row is proposed an entry by name and unit (unconfirmed if new)
    return Indicator.objects.bulk_create(rows)


def fill_indicator(row: Indicator, i: CoreIndicator) -> None:
    """The stored indicator's cells from the core row (what import and a correction write)."""
    row.no, row.label, row.category, row.name, row.unit = i.no, i.label, i.category, i.name[:200], i.unit[:20]
    row.baseline_year, row.baseline_value, row.baseline_raw = i.baseline_year, i.baseline_value, i.baseline_raw
    row.baseline_cumulative, row.target_year = i.baseline_cumulative, i.target_year
    row.target_raw, row.growth_raw, row.attribute, row.notes = i.target.raw, i.growth.raw, i.attribute or "", list(
        i.notes)


def infer_kinds(plan: Plan, pairs: Sequence[tuple[Indicator, CoreIndicator]], kinds: Mapping[int, str],
                directions: Mapping[int, str]) -> None:
    """Kind and direction of each stored row, inferred from its core row unless a correction set them (codes
    checked by core.corrections.check)."""
    base, end = plan.base_year, plan.end_year
    if not (base and end):  # no period, nothing to judge against
        specs = {}
    else:
        specs = {s.no: s for s in plan_specs([i for _, i in pairs], base, end, kinds, directions)}  # type: ignore[arg-type]
    for row, ind in pairs:
        spec = specs.get(ind.no)
        row.kind, row.direction = (spec.kind, spec.direction) if spec else ("", "")


def import_plan(core: CorePlan, region: Region, title: str | None = None, parent: Plan | None = None,
                draft: bool = False, content_hash: str = "") -> Plan:
    """Store a plan from planwatch.core.extract with its outline, indicators, tasks, projects, commitments and
    reading warnings. ``draft``: a 草稿 to be checked and confirmed (the web import); the corrections recorded
    for the same document (``content_hash``) are applied first.

    The search tokens are computed first, outside the transaction: on SQLite the transaction holds the one
    write lock, and other users' saves wait for it (a 3.5 MB plan: 40 s of segmenting before, well under a
    second of writing now)."""
    from .search import pretokenise

    corrected = apply_corrections(core, recorded_corrections(content_hash)) if content_hash else None
    if corrected is not None:
        core = corrected.plan
    return _store_plan(core, region, title, parent, pretokenise(core), corrected,
                       {"status": PlanStatus.DRAFT if draft else PlanStatus.CONFIRMED, "content_hash": content_hash})


def recorded_corrections(content_hash: str) -> list[Correction]:
    """The corrections made to earlier imports of the document with this content, in the order they were made."""
    return parse_corrections([c.item for c in PlanCorrection.objects.filter(content_hash=content_hash)])


@transaction.atomic
def _store_plan(core: CorePlan, region: Region, title: str | None, parent: Plan | None,
                tokens: Mapping[str, str], corrected: Corrected | None, fields: Mapping[str, str]) -> Plan:
    base, end = core.plan_years
    plan = Plan.objects.create(title=title or core.title or "未命名规划", region=region, parent=parent,
                               base_year=base, end_year=end, source_name=core.source.path.rsplit("/", 1)[-1],
                               source_format=core.source.format, warnings=[
                                   {"place": w.place, "reason": w.reason, "text": w.text, "node": w.node}
                                   for w in core.warnings], **fields)
    by_id = _store_outline(plan, core.root)
    store_indicators(plan, core.indicators, kinds=corrected.kinds if corrected else None,
                     directions=corrected.directions if corrected else None)
    Task.objects.bulk_create([Task(plan=plan, node=by_id[t.node], title=t.title[:200], body=t.body)
                              for t in core.tasks])
    Project.objects.bulk_create([Project(plan=plan, node=by_id[p.node], name=p.name[:200], column=p.column,
                                         sector=p.sector[:100], description=p.description) for p in core.projects])
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
