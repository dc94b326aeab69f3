"""Load a simulated country (模拟数据) for scale work: the region tree of planwatch.synthetic (国家 → 31 省 →
市 → 3,000 县 by default), a national indicator set (the Jinpu plan's 23 indicators plus generated ones),
about a million county values written by the bulk writer (COPY on PostgreSQL), and one provincial plan per
province linked indicator by indicator to the national one, some targets weaker (规划衔接). Everything is
named 模拟… and flagged simulated; one transaction, so a failed load leaves nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.utils import timezone

from ..core.errors import PlanwatchError
from ..core.extract import extract_plan
from ..core.kinds import plan_specs
from ..core.model import Indicator as CoreIndicator
from ..synthetic import SOURCE, extra_indicators, lower_plan_indicators, region_tree, simulate
from .accounts.models import Region
from .demo import DATA
from .monitoring.bulk import write_table
from .monitoring.models import Status
from .plans.models import Plan
from .plans.services import store_indicators

BASE, END = 2020, 2025
LATE_GAP = 0.03  # share of the last year's county values not yet reported


@dataclass
class LoadedCountry:
    plan: Plan
    regions: int
    observations: int
    weaker: dict[int, set[int]] = field(default_factory=dict)  # provincial plan id → indicators made weaker


def _jinpu_indicators() -> list[CoreIndicator]:
    return list(extract_plan(DATA / "plans" / "jinpu-14th-fyp.txt").indicators)


@transaction.atomic
def load_country(counties: int = 3000, indicators: int = 60, seed: int = 2021, provincial_plans: bool = True,
                 progress: Callable[[str], object] | None = None) -> LoadedCountry:
    tree = region_tree(counties, seed)
    if Region.objects.filter(name=tree[0].name).exists():
        raise PlanwatchError(f"已存在模拟地区“{tree[0].name}”：模拟数据只能载入一次（请换一个空数据库）")
    pks: dict[str, int] = {}
    for level in ("国家", "省", "市", "县"):  # parents first, so every parent id is known
        rows = [Region(name=r.name, level=r.level, parent_id=pks.get(r.parent or ""), population=r.population)
                for r in tree if r.level == level]
        for row in Region.objects.bulk_create(rows, batch_size=2000):
            pks[row.name] = row.pk
    root = Region.objects.get(pk=pks[tree[0].name])
    inds = extra_indicators(_jinpu_indicators(), indicators)
    plan = Plan.objects.create(title="模拟全国“十四五”规划主要指标（模拟数据）", region=root, base_year=BASE,
                               end_year=END, source_name=SOURCE, source_format="模拟")
    stored = {i.no: i.pk for i in store_indicators(plan, inds)}
    specs = plan_specs(inds, BASE, END)
    county_names = [r.name for r in tree if r.level == "县"]
    table = simulate(specs, regions=len(county_names), seed=seed, last_year=END, gap_rate=0.0)
    # as in real monitoring, the gaps are in the latest year: some counties have not reported it yet (a
    # parent with a county missing stays missing, so earlier years must be complete to roll up at all)
    late = np.random.default_rng(seed + 2).random(len(table)) < LATE_GAP
    table = table.take(np.nonzero(~((table.year == END) & late))[0])
    if progress:
        progress(f"已生成 {len(tree)} 个地区、{len(table)} 条模拟数据，开始写入")
    written = write_table(plan, table, stored, [pks[n] for n in county_names], Status.PUBLISHED, simulated=True,
                          now=timezone.now())
    loaded = LoadedCountry(plan, len(tree), written)
    if provincial_plans:
        rng = np.random.default_rng(seed + 1)
        for r in tree:
            if r.level != "省":
                continue
            lower, weaker = lower_plan_indicators(inds, specs, rng)
            child = Plan.objects.create(title=f"{r.name}“十四五”规划主要指标（模拟数据）", region_id=pks[r.name],
                                        parent=plan, base_year=BASE, end_year=END,
                                        source_name=SOURCE, source_format="模拟")
            store_indicators(child, lower, upper=stored)
            loaded.weaker[child.pk] = weaker
    return loaded
