"""Annual decomposition (年度目标分解): the yearly target path of every indicator.

Methods, by kind (see docs/methodology.md for the reasoning):
- ``compound`` — absolute amounts (亿元, 家, 人…): a constant growth rate from baseline to target,
  v_k = b·(T/b)^(k/n). Used when baseline and target are positive.
- ``linear`` — shares and rates (%), and any path through zero or negative values: v_k = b + (T − b)·k/n.
- ``geometric_cumulative`` — five-year cumulative reductions ([13.5]): by year k the cumulative
  reduction expected is 1 − (1 − X)^(k/n), i.e. the same reduction rate every year.
- ``constant`` — growth-rate targets (the yearly target is the rate itself), ceilings and floors.
- ``none`` — no numeric target, relational targets: no path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .kinds import IndicatorSpec, PathMethod

METHOD_LABELS: dict[str, str] = {
    "compound": "等比（年均增速不变）", "linear": "等差（每年变化相同）",
    "geometric_cumulative": "累计数按年等比分解", "constant": "各年相同", "none": "不分解",
}


def path_values(method: PathMethod, start: Any, target: Any, k: Any, n: int, k0: Any = 0) -> Any:
    """Target path value(s) at year offset ``k`` from ``start`` (at offset ``k0``) to ``target`` at ``n``.

    Works on floats and on numpy arrays alike (one region or thousands, one target or one per row). A
    ``compound`` path through a non-positive start or target follows the linear rule, since a growth
    rate through zero is undefined.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        k = np.asarray(k, dtype=float)
        target = np.asarray(target, dtype=float)
        start = np.asarray(start, dtype=float)
        if method == "geometric_cumulative":
            out = (1 - (1 - target / 100) ** (k / n)) * 100
        elif method == "constant":
            out = np.broadcast_to(target, np.broadcast(start, k, target).shape).astype(float)
        elif method == "none":
            out = np.full(np.broadcast(start, k, target).shape, np.nan)
        else:
            frac = (k - k0) / (n - np.asarray(k0, dtype=float))
            out = start + (target - start) * frac
            if method == "compound":
                ok = (start > 0) & (target > 0)
                out = np.where(ok, np.where(ok, start, 1.0) * (target / np.where(ok, start, 1.0)) ** frac, out)
    return out if out.ndim else float(out)


@dataclass(frozen=True)
class DecompositionRow:
    no: int
    name: str
    unit: str
    kind: str
    attribute: str
    method: str
    baseline: float | None
    values: dict[int, float | None]  # year → target for that year
    note: str


def decompose(specs: list[IndicatorSpec]) -> list[DecompositionRow]:
    rows = []
    for s in specs:
        values: dict[int, float | None] = {}
        for year in range(s.base_year + 1, s.end_year + 1):
            k = year - s.base_year
            if s.target is None or s.path == "none" or (s.baseline is None and s.path in ("compound", "linear")):
                values[year] = None
            else:
                v = path_values(s.path, s.baseline if s.baseline is not None else np.nan, s.target, k, s.years)
                values[year] = None if np.isnan(v) else round(float(v), 4)
        note = {
            "growth_rate": f"每年增长{s.target:g}%" if s.target is not None else "",
            "cumulative": f"五年累计{s.target:g}%，每年约{path_values('geometric_cumulative', 0, s.target or 0, 1, s.years):.2f}%"
            if s.target is not None else "",
            "ceiling": "每年不得突破上限", "floor": "每年不得低于下限",
            "range": f"区间{s.target:g}—{s.target_max:g}，按下限分解" if s.target_max is not None else "",
            "relational": f"与“{s.relative_to}”比较，不分解", "no_target": "无量化目标",
        }.get(s.kind, "")
        if s.kind in ("level", "range") and s.baseline is None:
            note = "缺少基期值，无法分解（以首个实际值为起点评估）"
        rows.append(DecompositionRow(s.no, s.name, s.unit, s.kind, "约束性" if s.binding else "预期性",
                                     METHOD_LABELS[s.path], s.baseline, values, note))
    return rows
