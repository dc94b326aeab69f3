"""From a plan file and observations to a report: the command line's adapter to the one report-data builder
(:mod:`planwatch.reports.data`; the web's adapter reads the database, ``planwatch.web.reports``)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..core.evaluation import Settings, build_cube, evaluate_cube, evaluations
from ..core.extract import extract_plan
from ..core.kinds import plan_specs
from ..core.model import Plan
from ..core.observations import read_observations
from ..core.series import is_simulated
from .assignments import Assignment, read_assignments
from .content import Kind, Report, WorkItem
from .data import IndicatorFacts, report_data
from .sections import build


def report_from_files(plan_path: str | Path, data_path: str | Path, as_of: int, kind: Kind,
                      region: str | None = None, default_region: str = "本地区",
                      settings: Settings | None = None, title: str | None = None, compare: bool = False,
                      assignments: str | Path | None = None, narrative: Mapping[str, str] | None = None,
                      revisions: str | Path | None = None) -> Report:
    """The report of ``kind``; ``assignments`` an assignment template (.xlsx) for the lead units, ``narrative``
    the texts a person wrote (section code → text), ``revisions`` a file of target revisions (core.revisions:
    each indicator judged by the target in force in ``as_of``, and its sentence says so). Tasks and projects are
    the plan's list (no ledger here)."""
    from ..core.errors import PlanwatchError

    plan = extract_plan(plan_path)
    if not plan.indicators:
        raise PlanwatchError(f"{Path(plan_path).name}: 没有主要指标表，无法生成评估报告")
    base, end = plan.plan_years
    assert base is not None and end is not None
    if not base < as_of <= end:
        raise PlanwatchError(f"评估年份 {as_of} 不在规划期 {base + 1}—{end} 年内")
    table = read_observations(data_path, plan.indicators, default_region)
    name = region or (table.regions[0] if table.regions else default_region)
    if name not in table.regions:
        raise PlanwatchError(f"数据中没有地区“{name}”")
    if revisions is not None:
        from ..core.revisions import check_revisions, read_revisions, specs_in_force

        revised = read_revisions(revisions)
        check_revisions(revised, plan.indicators, base, end)
        specs = specs_in_force(plan.indicators, base, end, revised, as_of)
    else:
        specs = plan_specs(plan.indicators, base, end)
    cube = build_cube(specs, table)
    arrays = evaluate_cube(specs, cube, as_of, settings or Settings())
    results = evaluations(specs, cube, arrays, as_of, [name])
    comparison = [(region, evaluations(specs, cube, arrays, as_of, [region])) for region in cube.regions] \
        if compare else []
    r = cube.regions.index(name)
    series: dict[int, dict[int, float]] = defaultdict(dict)
    for spec in specs:
        for k, value in enumerate(cube.values[cube.index[spec.no], r]):
            if not math.isnan(value):  # not reported stays out of the chart
                series[spec.no][base + k] = float(value)
    chapters = [(f"第{c.label}章 {c.title}", sum(1 for t in plan.tasks if t.node.split("/")[0] == c.id),
                 sum(1 for p in plan.projects if p.node.split("/")[0] == c.id)) for c in plan.nodes("chapter")]
    items, leads = plan_items(plan, read_assignments(assignments) if assignments else [])
    return build(report_data(
        title=title or plan.title or Path(plan_path).stem, base_year=base, end_year=end, as_of=as_of, kind=kind,
        region=name, results=results, specs=specs, series=series, commitments=plan.commitments, chapters=chapters,
        indicators=[IndicatorFacts(i.no, i.baseline_value, i.target.raw, i.growth.raw, leads.get(i.no, ""),
                                   i.category) for i in plan.indicators],
        simulated=any(is_simulated(s) for s in table.sources), comparison=comparison, items=items,
        sources=table.sources, narrative=narrative))


def plan_items(plan: Plan, assignments: Sequence[Assignment] = ()) -> tuple[list[WorkItem], dict[int, str]]:
    """The plan's tasks, projects and commitments as report items, with the lead units, co-units and deadlines
    of an assignment template (see :mod:`planwatch.reports.assignments`); and the indicators' lead units."""
    from ..core.errors import InputError

    titles = {c.id: f"第{c.label}章 {c.title}" for c in plan.nodes("chapter")}
    raw = [("task", t.title, t.node, "") for t in plan.tasks] + \
        [("project", p.name, p.node, "") for p in plan.projects] + \
        [("commitment", c.quantity, c.node, f"{c.deadline}年" if c.deadline else "") for c in plan.commitments]
    exact = {(kind, name, node): n for n, (kind, name, node, _) in enumerate(raw)}
    by_name = {(kind, name): n for n, (kind, name, _, _) in enumerate(raw)}
    numbers = {i.display_no: i.no for i in plan.indicators}
    found: dict[int, Assignment] = {}
    leads: dict[int, str] = {}
    unmatched = []
    for row in assignments:
        if row.kind == "indicator":
            if row.key in numbers:
                leads[numbers[row.key]] = row.lead
            else:
                unmatched.append(f"{row.where}（编号{row.key}）")
            continue
        n = exact.get((row.kind, row.key, row.node), by_name.get((row.kind, row.key)))
        if n is None:
            unmatched.append(f"{row.where}（{row.key[:20]}）")
        else:
            found[n] = row
    if unmatched:
        raise InputError(f"分工文件中{len(unmatched)}行在本规划中找不到：{'；'.join(unmatched[:5])}"
                         + ("等" if len(unmatched) > 5 else "") + "（请使用本规划的分工模板）")
    items = []
    for n, (kind, name, node, deadline) in enumerate(raw):
        a = found.get(n)
        when = f"{a.deadline.year}年{a.deadline.month}月{a.deadline.day}日" if a and a.deadline else deadline
        items.append(WorkItem(kind, name, titles.get(node.split("/")[0], ""),  # type: ignore[arg-type]
                              a.lead if a else "", a.co_units if a else (), when))
    return items, leads
