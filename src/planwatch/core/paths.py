"""Yearly target paths (年度目标分解): the target due at each year offset, by path method.

- ``compound`` — absolute amounts (亿元, 家, 人…): a constant growth rate from baseline to target,
  v_k = b·(T/b)^(k/n). Used when baseline and target are positive.
- ``linear`` — shares and rates (%), and any path through zero or negative values: v_k = b + (T − b)·k/n.
- ``geometric_cumulative`` — five-year cumulative reductions ([13.5]): by year k the cumulative
  reduction expected is 1 − (1 − X)^(k/n), i.e. the same reduction rate every year.
- ``constant`` — growth-rate targets (the yearly target is the rate itself), ceilings and floors.
- ``none`` — no numeric target, relational targets: no path.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .spec import IndicatorSpec, PathMethod

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


def whole_if_counted(spec: IndicatorSpec, values: Any) -> Any:
    """Counts are never fractional: the path and projections of an indicator counting things (家, 个) are whole."""
    return np.round(values) if spec.counts else values
