"""From a plan file and observations to a report: the command line's adapter to the one report-data builder
(:mod:`planwatch.reports.data`; the web's adapter reads the database, ``planwatch.web.reports``)."""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

from ..core.evaluation import Settings, build_cube, evaluate_cube, evaluations
from ..core.extract import extract_plan
from ..core.kinds import plan_specs
from ..core.observations import read_observations
from ..core.series import is_simulated
from .content import Kind, Report, build
from .data import IndicatorFacts, report_data


def report_from_files(plan_path: str | Path, data_path: str | Path, as_of: int, kind: Kind,
                      region: str | None = None, default_region: str = "本地区",
                      settings: Settings | None = None, title: str | None = None, compare: bool = False) -> Report:
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
    return build(report_data(
        title=title or plan.title or Path(plan_path).stem, base_year=base, end_year=end, as_of=as_of, kind=kind,
        region=name, results=results, specs=specs, series=series, commitments=plan.commitments, chapters=chapters,
        indicators=[IndicatorFacts(i.no, i.baseline_value, i.target.raw, i.growth.raw) for i in plan.indicators],
        simulated=any(is_simulated(s) for s in table.sources), comparison=comparison))
