"""Load a simulated country (模拟数据) for scale work: the region tree of planwatch.synthetic (国家 → 31 省 →
市 → 3,000 县 by default), a national indicator set (the Jinpu plan's 23 indicators plus generated ones),
about a million county values written by the bulk writer (COPY on PostgreSQL), and one provincial plan per
province linked indicator by indicator to the national one, some targets weaker (规划衔接). Everything is
named 模拟… and flagged simulated; one transaction, so a failed load leaves nothing.

With ``shared_entries`` (一数多用 at scale): the national and provincial plans' indicators carry the same 指标库
entries (proposed by name and unit, plans.library), all confirmed, and each county's values are entered once, under
its province's plan — a county reports to its province, as in a real deployment; the national plan reads them
through the entries (monitoring.services.visible_observations), never through a copy."""

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
from .plans import library
from .plans.models import Indicator, IndicatorEntry, IndicatorEntryEvent, Plan, touch_plans
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
                 progress: Callable[[str], object] | None = None, provinces: int = 31,
                 shared_entries: bool = False) -> LoadedCountry:
    if shared_entries and not provincial_plans:
        raise PlanwatchError("共用指标库条目需要生成各省规划")
    tree = region_tree(counties, seed, provinces)
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
    county_pks = [pks[n] for n in county_names]
    now = timezone.now()
    loaded = LoadedCountry(plan, len(tree), 0)
    if not shared_entries:
        loaded.observations = write_table(plan, table, stored, county_pks, Status.PUBLISHED, simulated=True, now=now)
    if provincial_plans:
        rng = np.random.default_rng(seed + 1)
        parent_of = {r.name: r.parent or "" for r in tree}
        province_of = np.array([parent_of[parent_of[n]] for n in county_names])  # 县 → 市 → 省
        for r in tree:
            if r.level != "省":
                continue
            lower, weaker = lower_plan_indicators(inds, specs, rng)
            child = Plan.objects.create(title=f"{r.name}“十四五”规划主要指标（模拟数据）", region_id=pks[r.name],
                                        parent=plan, base_year=BASE, end_year=END,
                                        source_name=SOURCE, source_format="模拟")
            rows = store_indicators(child, lower, upper=stored)
            loaded.weaker[child.pk] = weaker
            if shared_entries:
                own = table.take(np.nonzero(province_of[table.region] == r.name)[0])
                loaded.observations += write_table(child, own, {i.no: i.pk for i in rows}, county_pks,
                                                   Status.PUBLISHED, simulated=True, now=now)
        if shared_entries:
            _confirm_entries(plan, list(loaded.weaker), now)
    return loaded


def _confirm_entries(plan: Plan, provincial: list[int], now: object) -> None:
    """Confirm the entries the national plan's indicators were proposed (the provincial plans' indicators, of the
    same names and units, were proposed the same ones), with the 确认 event the admin's decision writes. An entry
    that a plan outside the simulated country carries too (the demo's plans: the Jinpu indicators' names) is first
    split off for the country's 32 plans (library.split, with its history), so that confirming it decides nothing
    for the other plans."""
    country = [plan.pk, *provincial]
    ours = plan.indicators.values_list("entry_id", flat=True)
    outside = set(Indicator.objects.filter(entry__in=ours).exclude(plan_id__in=country)
                  .values_list("entry_id", flat=True))
    for entry in sorted(outside):
        library.split(None, list(Indicator.objects.filter(entry_id=entry, plan_id__in=country).order_by("plan_id")))
    entries = list(IndicatorEntry.objects.filter(indicators__plan=plan).distinct())
    IndicatorEntry.objects.filter(pk__in=[e.pk for e in entries]).update(confirmed=True, confirmed_at=now)
    IndicatorEntryEvent.objects.bulk_create(
        IndicatorEntryEvent(entry=e, action="confirm", new_name=e.name, detail="模拟数据：载入时确认")
        for e in entries)
    touch_plans(country)  # the national plan reads the provinces' values through the entries
