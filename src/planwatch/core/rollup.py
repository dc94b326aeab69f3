"""Roll-ups along a region tree (新区 → 功能区 → 街道; province → city → county).

An indicator aggregates only where its meaning allows:
- ``sum`` — additive amounts and counts (亿元, 家, 人, 公顷…): the parent is the sum of its children;
- ``weighted_mean`` — shares and per-capita levels (%, 人均…): a mean weighted by a size measure per
  region (population by default), and only when weights are given;
- ``none`` — growth rates, cumulative reduction rates, ceilings and anything else: a parent's growth
  rate is not the mean of its children's, so it must be reported, not derived.
A parent with any child missing for a year stays missing (an incomplete sum would look like a fall),
and a value reported for the parent itself always wins over the derived one. A derived value carries the
weakest flag of its children: one part-year (or estimated) child makes the parent's value part-year (or
an estimate), so that a sum of first quarters is never evaluated as a year.
A region named ``incomplete`` (its sub-regions in the tree are not the whole of it: 全国 above the one district
loaded) is never filled and weighs only its own weight: a sum over part of a country is not the country's.
Where ``marks`` are given (a per-cell boolean, e.g. "the value is simulated"), a filled cell is marked when any
child's value it was derived from is marked, so that a caller can tell whether a marked value counts.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from .evaluation import Cube
from .kinds import KINDS, IndicatorSpec
from .units import dimension

Aggregation = Literal["sum", "weighted_mean", "none"]
_ADDITIVE = {"人民币金额", "美元金额", "人数", "人次", "家", "个", "件", "所", "座", "项", "面积", "质量", "长度"}


def default_aggregation(spec: IndicatorSpec) -> Aggregation:
    """Rates of change do not aggregate (their kind says so); additive amounts sum; shares and per-capita levels
    are weighted."""
    if not KINDS[spec.kind].aggregates:
        return "none"
    if dimension(spec.unit) in _ADDITIVE and not spec.name.startswith(("每", "人均")):
        return "sum"
    return "weighted_mean"


def _depths(parent: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    depth = np.zeros(len(parent), dtype=np.int64)
    current = parent.copy()
    for _ in range(len(parent)):
        has = current >= 0
        if not has.any():
            break
        depth[has] += 1
        current = np.where(has, parent[np.maximum(current, 0)], -1)
    return depth


def rollup_cube(specs: Sequence[IndicatorSpec], cube: Cube, parents: Mapping[str, str | None],
                weights: Mapping[str, float] | None = None,
                aggregation: Mapping[int, Aggregation] | None = None,
                incomplete: Collection[str] = ()) -> Cube:
    """A cube in which every parent region's missing values are derived from its children, bottom-up, except
    those of the ``incomplete`` regions."""
    return rollup_marked(specs, cube, parents, weights, aggregation, incomplete)[0]


def rollup_marked(specs: Sequence[IndicatorSpec], cube: Cube, parents: Mapping[str, str | None],
                  weights: Mapping[str, float] | None = None,
                  aggregation: Mapping[int, Aggregation] | None = None,
                  incomplete: Collection[str] = (),
                  marks: npt.NDArray[np.bool_] | None = None) -> tuple[Cube, npt.NDArray[np.bool_] | None]:
    """:func:`rollup_cube`, and ``marks`` (shaped as ``cube.values``) carried along: a filled cell is marked when
    one of the children's values it is derived from is marked. The marks are returned for the regions of the
    returned cube (``None`` without marks).
    """
    regions = list(cube.regions)
    known = set(regions)  # a set: a country's 3,000 counties, looked up twice each
    for child, par in parents.items():  # parents may be named only in the tree
        for name in (child, par):
            if name and name not in known:
                regions.append(name)
                known.add(name)
    n_reg = len(regions)
    pos = {r: i for i, r in enumerate(regions)}
    parent = np.array([pos[p] if (p := parents.get(r)) else -1 for r in regions], dtype=np.int64)
    values = np.full((cube.values.shape[0], n_reg, cube.values.shape[2]), np.nan)
    values[:, : len(cube.regions)] = cube.values
    flags = np.zeros(values.shape, dtype=np.int8)
    flags[:, : len(cube.regions)] = cube.flags
    w = np.array([(weights or {}).get(r, np.nan) for r in regions])
    may = np.ones(n_reg, dtype=bool)  # the regions that may be filled
    for name in incomplete:
        if name in pos:
            may[pos[name]] = False
    marked = None
    if marks is not None:
        marked = np.zeros(values.shape, dtype=bool)
        marked[:, : len(cube.regions)] = marks
    children = np.bincount(parent[parent >= 0], minlength=n_reg)
    depth = _depths(parent)
    for d in range(int(depth.max()), 0, -1):  # a parent without its own weight weighs what its children weigh
        kids = np.nonzero(depth == d)[0]
        summed = np.zeros(n_reg)
        np.add.at(summed, parent[kids], np.nan_to_num(w[kids]))
        # only this level's parents: a grandparent must wait until its own children have their weights
        level = np.zeros(n_reg, dtype=bool)
        level[parent[kids][parent[kids] >= 0]] = True
        w = np.where(np.isnan(w) & level & may, summed, w)
    aggregation = aggregation or {}
    for i, spec in enumerate(specs):
        method = aggregation.get(spec.no, default_aggregation(spec))
        if method == "none" or (method == "weighted_mean" and weights is None):
            continue
        v, f = values[i], flags[i]
        for d in range(int(depth.max()), 0, -1):  # deepest children first, so grandparents see parents
            kids = np.nonzero((depth == d) & (parent >= 0))[0]
            if len(kids) == 0:
                continue
            kv = v[kids]
            weakest = np.zeros((n_reg, v.shape[1]), dtype=np.int8)  # FINAL < EXPECTED < PARTIAL
            total = np.zeros((n_reg, v.shape[1]))
            count = np.zeros((n_reg, v.shape[1]))
            wsum = np.zeros((n_reg, v.shape[1]))
            ok = ~np.isnan(kv)
            kw = np.where(ok, w[kids][:, None], 0.0) if method == "weighted_mean" else ok.astype(float)
            np.add.at(total, parent[kids], np.where(ok, kv * (kw if method == "weighted_mean" else 1.0), 0.0))
            np.add.at(count, parent[kids], ok.astype(float))
            np.add.at(wsum, parent[kids], kw)
            np.maximum.at(weakest, parent[kids], np.where(ok, f[kids], 0).astype(np.int8))
            complete = (count == children[:, None]) & (children[:, None] > 0)
            if method == "weighted_mean":
                complete &= wsum > 0
                derived = total / np.where(wsum > 0, wsum, 1.0)
            else:
                derived = total
            fill = complete & np.isnan(v) & may[:, None]
            v[fill] = derived[fill]
            f[fill] = weakest[fill]
            if marked is not None and fill.any():
                carried = np.zeros((n_reg, v.shape[1]), dtype=bool)
                np.logical_or.at(carried, parent[kids], marked[i][kids] & ok)
                marked[i][fill] = carried[fill]
    return replace(cube, values=values, flags=flags, regions=tuple(regions)), marked
