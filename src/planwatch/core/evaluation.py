"""Evaluation as of any year: annual monitoring, 中期评估 (mid-term) and 总结评估 (final).

One implementation serves one region and thousands: observations are pivoted into a cube
(indicator × region × year) and each indicator's rule runs on all regions at once with numpy, so the
hot path has no per-row Python loop. Rules dispatch on the kind registry (kinds.py); thresholds are
:class:`Settings` with documented defaults. "Not reported" is NaN, never 0.

Statuses (``code`` → Chinese label): achieved_early 提前实现, ahead 快于预期, on_track 基本符合预期,
behind 滞后, reversing 逆向, met 已完成 / not_met 未完成 (final evaluation), no_data 无数据,
no_target 无量化目标.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .decompose import path_values
from .explain import explain
from .kinds import IndicatorSpec
from .observations import EXPECTED, PARTIAL, ObservationTable

STATUSES = ("no_data", "no_target", "achieved_early", "ahead", "on_track", "behind", "reversing", "met", "not_met")
LABELS = {"achieved_early": "提前实现", "ahead": "快于预期", "on_track": "基本符合预期", "behind": "滞后",
          "reversing": "逆向", "met": "已完成", "not_met": "未完成", "no_data": "无数据", "no_target": "无量化目标"}
NO_DATA, NO_TARGET, ACHIEVED_EARLY, AHEAD, ON_TRACK, BEHIND, REVERSING, MET, NOT_MET = range(9)
LAGGING = {"behind", "reversing", "not_met"}
RATE_KINDS = {"growth_rate", "relational"}  # kinds whose values are rates: a part-year rate can stand in


def evaluation_mode(as_of: int, base_year: int, end_year: int) -> str:
    """总结评估 from the end year on; 中期评估 in the middle year (2023 for 2021–2025); otherwise 年度监测."""
    if as_of >= end_year:
        return "总结评估"
    if as_of == base_year + (end_year - base_year + 1) // 2:
        return "中期评估"
    return "年度监测"


@dataclass(frozen=True)
class Settings:
    """Thresholds of the status rules (defaults and their reasons in docs/methodology.md)."""

    ahead: float = 1.05  # progress ratio ≥ this: 快于预期
    on_track: float = 0.95  # Open SDG / Statistics Canada cut-off for "on track"
    approx_tolerance: float = 0.05  # 左右: within 5 % of the target counts as reaching it
    relational_tolerance: float = 0.5  # percentage points: 基本同步
    ceiling_every_year: bool = True  # a ceiling or floor must hold in every year, not only the last


@dataclass
class Arrays:
    """Per-indicator results for every region (arrays of length R)."""

    status: npt.NDArray[np.int8]
    expected: npt.NDArray[np.float64]
    actual: npt.NDArray[np.float64]
    actual_year: npt.NDArray[np.int32]
    actual_flag: npt.NDArray[np.int8]
    ratio: npt.NDArray[np.float64]
    required: npt.NDArray[np.float64]
    projection: npt.NDArray[np.float64]
    baseline: npt.NDArray[np.float64]
    missing_years: npt.NDArray[np.int32]
    violations: npt.NDArray[np.int32]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    """One indicator in one region as of a year, with the sentence that explains its status."""

    no: int
    name: str
    region: str
    kind: str
    status: str
    label: str
    binding: bool
    unit: str
    expected: float | None
    actual: float | None
    actual_year: int | None
    ratio: float | None
    required_rate: float | None
    projection: float | None
    explanation: str
    flags: tuple[str, ...] = ()
    explanation_en: str = ""  # the same sentence in English (planwatch.core.explain)

    def as_dict(self) -> dict[str, Any]:
        return {"no": self.no, "name": self.name, "region": self.region, "kind": self.kind, "status": self.status,
                "label": self.label, "binding": self.binding, "unit": self.unit, "expected": self.expected,
                "actual": self.actual, "actual_year": self.actual_year, "ratio": self.ratio,
                "required_rate": self.required_rate, "projection": self.projection,
                "explanation": self.explanation, "flags": list(self.flags), "explanation_en": self.explanation_en}


@dataclass(frozen=True)
class Cube:
    """Observations pivoted: values[i, r, k] for indicator i, region r, year base+k (NaN = not reported)."""

    values: npt.NDArray[np.float64]
    flags: npt.NDArray[np.int8]
    base_year: int
    end_year: int
    regions: tuple[str, ...]
    index: dict[int, int]  # indicator number → position


def build_cube(specs: Sequence[IndicatorSpec], table: ObservationTable) -> Cube:
    """Pivot the long table. Keys reported once go straight in; only keys with several values (several
    sources, or an estimate beside a final figure) go through the choice rule."""
    base, end = specs[0].base_year, specs[0].end_year
    index = {s.no: i for i, s in enumerate(specs)}
    n_i, n_r, n_y = len(specs), len(table.regions), end - base + 1
    size = n_i * n_r * n_y
    itype = np.int32 if size < 2**31 else np.int64
    top = max(max(index), int(table.indicator.max(initial=0))) + 1
    lookup: npt.NDArray[np.integer[Any]] = np.full(top, -1, dtype=itype)
    for no, i in index.items():
        lookup[no] = i
    values = np.full((n_i, n_r, n_y), np.nan)
    flags = np.zeros(values.shape, dtype=np.int8)
    indicator = table.indicator if table.indicator.min(initial=0) >= 0 else np.clip(table.indicator, 0, top - 1)
    pos: npt.NDArray[np.integer[Any]] = lookup[indicator]
    k: npt.NDArray[np.integer[Any]] = table.year - itype(base)
    valid = (pos >= 0) & (k >= 0) & (k < n_y)
    rows = np.arange(len(table)) if valid.all() else np.nonzero(valid)[0]
    if len(rows) == len(table):  # the usual case: no fancy indexing needed
        flat = (pos * n_r + table.region.astype(itype)) * n_y + k
    else:
        flat = (pos[rows] * n_r + table.region[rows].astype(itype)) * n_y + k[rows]
    hit = np.zeros(size, dtype=bool)
    hit[flat] = True
    if np.count_nonzero(hit) == len(flat):  # every key reported once
        values.reshape(-1)[flat] = table.value[rows]
        if table.flag.any():  # most tables hold only final figures: no need to scatter zeros
            flags.reshape(-1)[flat] = table.flag[rows]
        return Cube(values, flags, base, end, table.regions, index)
    single = np.bincount(flat, minlength=size)[flat] == 1
    values.reshape(-1)[flat[single]] = table.value[rows[single]]
    flags.reshape(-1)[flat[single]] = table.flag[rows[single]]
    chosen = table.take(rows[~single]).chosen()
    cflat = (lookup[chosen.indicator].astype(np.int64) * n_r + chosen.region) * n_y + (chosen.year - base)
    values.reshape(-1)[cflat] = chosen.value
    flags.reshape(-1)[cflat] = chosen.flag
    return Cube(values, flags, base, end, table.regions, index)


def _meets(a: Any, t: Any, t_max: Any, spec: IndicatorSpec, settings: Settings) -> Any:
    """Does value ``a`` satisfy the end target ``t``? Direction-aware; 左右 gives slack on the unfavourable side."""
    higher = spec.direction == "higher"
    c = spec.comparator
    with np.errstate(invalid="ignore"):
        if c == "approx":
            slack = np.abs(t) * settings.approx_tolerance
            return a >= t - slack if higher else a <= t + slack
        if c == "range":
            return a >= t if higher else a <= np.where(np.isnan(t_max), t, t_max)
        if c == "ge":
            return a >= t
        if c == "gt":
            return a > t
        if c == "le":
            return a <= t
        if c == "lt":
            return a < t
        return a >= t if higher else a <= t


def _latest(present: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Offset of the latest reported year for each row, given which of years 1..upto are reported (0: none)."""
    if present.shape[1] == 0:
        return np.zeros(present.shape[0], dtype=np.int64)
    latest: npt.NDArray[np.int64] = np.zeros(present.shape[0], dtype=np.int64)
    for column in range(present.shape[1]):  # a plan has five or so years: a loop over columns, not rows
        latest = np.where(present[:, column], column + 1, latest)
    return latest


def evaluate_indicator(spec: IndicatorSpec, values: npt.NDArray[np.float64], flags: npt.NDArray[np.int8],
                       as_of: int, settings: Settings,
                       reference: npt.NDArray[np.float64] | None = None) -> Arrays:
    """Evaluate one indicator for every region: ``values`` is (regions × years base..end)."""
    rows = values.shape[0]

    def column(x: float | None) -> npt.NDArray[np.float64]:
        return np.full(rows, np.nan if x is None else float(x))

    return evaluate_rows(spec, values, flags, as_of, settings, column(spec.target), column(spec.target_max),
                         column(spec.baseline), reference)


def evaluate_rows(spec: IndicatorSpec, values: npt.NDArray[np.float64], flags: npt.NDArray[np.int8], as_of: int,
                  settings: Settings, target: npt.NDArray[np.float64], target_max: npt.NDArray[np.float64],
                  baseline: npt.NDArray[np.float64],
                  reference: npt.NDArray[np.float64] | None = None) -> Arrays:
    """The rules for a block of rows sharing kind, direction, comparator, path and period (taken from
    ``spec``); targets and table baselines are per row, so indicators of one kind run together."""
    n = spec.years
    rows = values.shape[0]
    upto = int(min(max(as_of - spec.base_year, 0), n))
    final = as_of >= spec.end_year
    v = values
    if spec.kind not in RATE_KINDS and flags.any():  # a part-year amount or level is not a yearly figure
        v = values.copy()
        v[flags == PARTIAL] = np.nan
    present = ~np.isnan(v[:, 1:upto + 1])
    last = _latest(present)
    has = last > 0
    idx = np.arange(rows)
    a = np.where(has, v[idx, last], np.nan)
    flag = np.where(has, flags[idx, last], 0).astype(np.int8)
    missing = np.where(has, last - present.sum(axis=1), 0).astype(np.int32)  # years before the latest with no value
    nan = np.full(rows, np.nan)
    status = np.full(rows, NO_DATA, dtype=np.int8)
    out = Arrays(status, nan.copy(), a, np.where(has, spec.base_year + last, 0).astype(np.int32), flag, nan.copy(),
                 nan.copy(), nan.copy(), nan.copy(), missing, np.zeros(rows, dtype=np.int32))
    sign = 1.0 if spec.direction == "higher" else -1.0
    rem = n - last
    t, t_max = target, target_max

    def grade(ratio: Any, reversing: Any, met_now: Any) -> None:
        s = np.where(ratio >= settings.ahead, AHEAD, np.where(ratio >= settings.on_track, ON_TRACK, BEHIND))
        s = np.where(reversing, REVERSING, s)
        s = np.where(met_now & (last < n), ACHIEVED_EARLY, s)
        if final:
            s = np.where(met_now, MET, NOT_MET)
        out.status[:] = np.where(has, s, NO_DATA)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if spec.kind in ("level", "range"):
            b0 = np.where(np.isnan(v[:, 0]), baseline, v[:, 0])
            # without a baseline the first reported year is the starting point (documented)
            first = np.argmax(~np.isnan(v[:, 1:]), axis=1) + 1
            k0 = np.where(np.isnan(b0), first, 0)
            b = np.where(np.isnan(b0), v[idx, first], b0)
            e = path_values(spec.path, b, t, last, n, k0)
            out.baseline[:], out.expected[:] = b, e
            progress = np.where(e != b, (a - b) / (e - b), np.where(a * sign >= b * sign, 1.0, 0.0))
            progress = np.where(last > k0, progress, np.nan)
            out.ratio[:] = progress
            met_now = _meets(a, t, t_max, spec, settings)
            grade(np.nan_to_num(progress, nan=1.0), (a - b) * sign < 0, met_now)
            positive = (a > 0) & (t > 0) & (spec.path == "compound")
            out.required[:] = np.where(rem > 0, np.where(positive, ((t / a) ** (1 / rem) - 1) * 100, (t - a) / rem), np.nan)
            span = last - k0
            growth = np.where(positive & (b > 0) & (span > 0), (a / b) ** (1 / span), np.nan)
            out.projection[:] = np.where(np.isnan(growth), a + np.where(span > 0, (a - b) / span, 0) * rem,
                                         a * growth ** rem)
        elif spec.kind == "growth_rate":
            r = v[:, 1:upto + 1]
            logs = np.log1p(r / 100)
            count = (~np.isnan(r)).sum(axis=1)
            total = np.nansum(logs, axis=1)
            avg = (np.exp(total / np.maximum(count, 1)) - 1) * 100
            out.actual[:] = np.where(has, avg, np.nan)
            out.expected[:] = t
            out.ratio[:] = np.where(t > 0, avg / t, np.nan)
            target_total = n * np.log1p(t / 100)
            met_now = (total >= target_total) if not final else _meets(avg, t, t_max, spec, settings)
            grade(np.where(t > 0, avg / t, np.where(avg >= t, 1.0, 0.0)), avg < 0, met_now)
            out.required[:] = np.where(rem > 0, (np.exp((target_total - total) / np.maximum(rem, 1)) - 1) * 100, np.nan)
            latest_rate = np.where(has, v[idx, last], np.nan)
            out.projection[:] = (np.exp((total + rem * np.log1p(latest_rate / 100)) / n) - 1) * 100
            out.extra["latest_rate"] = latest_rate
            out.extra["years_counted"] = count
        elif spec.kind == "cumulative":
            r = v[:, 1:upto + 1]
            logs = np.log1p(-r / 100)
            count = (~np.isnan(r)).sum(axis=1)
            total = np.nansum(logs, axis=1)
            done = (1 - np.exp(total)) * 100
            expected = path_values("geometric_cumulative", 0.0, t, last, n)
            out.actual[:], out.expected[:] = np.where(has, done, np.nan), expected
            ratio = np.where(expected > 0, done / expected, np.nan)
            out.ratio[:] = ratio
            met_now = done >= t
            grade(np.nan_to_num(ratio, nan=0.0), done < 0, met_now)
            out.required[:] = np.where(rem > 0, (1 - ((1 - t / 100) / np.exp(total)) ** (1 / np.maximum(rem, 1))) * 100,
                                       np.nan)
            mean_log = total / np.maximum(count, 1)
            out.projection[:] = (1 - np.exp(total + rem * mean_log)) * 100
            out.extra["years_counted"] = count
        elif spec.kind in ("ceiling", "floor"):
            window = v[:, 1:upto + 1]
            ok = _meets(window, t[:, None], t_max[:, None], spec, settings)
            bad = (~ok & ~np.isnan(window)).sum(axis=1).astype(np.int32)
            out.violations[:] = bad
            out.expected[:] = t
            latest_ok = _meets(a, t, t_max, spec, settings)
            every = bad == 0 if settings.ceiling_every_year else latest_ok
            s = np.where(latest_ok, ON_TRACK, BEHIND)
            if final:
                s = np.where(every & latest_ok, MET, NOT_MET)
            out.status[:] = np.where(has, s, NO_DATA)
            b = np.where(np.isnan(v[:, 0]), baseline, v[:, 0])
            out.baseline[:] = b
            out.projection[:] = a + np.where(last > 0, (a - b) / np.maximum(last, 1), 0) * rem
        elif spec.kind == "relational":
            if reference is None:
                out.status[:] = np.where(has, NO_TARGET, NO_DATA)
            else:
                diff = v[:, 1:upto + 1] - reference[:, 1:upto + 1]
                tol = settings.relational_tolerance
                ok = {"gt": diff > 0, "lt": diff < 0}.get(spec.comparator or "", np.abs(diff) <= tol)
                ref_latest = np.where(has, reference[idx, last], np.nan)
                out.expected[:] = ref_latest
                latest_ok = np.where(has, ok[idx, np.maximum(last - 1, 0)], False)
                counted = (~np.isnan(diff)).sum(axis=1)
                mean_diff = np.where(counted > 0, np.nansum(diff, axis=1) / np.maximum(counted, 1), np.nan)
                overall = {"gt": mean_diff > 0, "lt": mean_diff < 0}.get(spec.comparator or "", np.abs(mean_diff) <= tol)
                s = np.where(latest_ok, ON_TRACK, BEHIND)
                if final:
                    s = np.where(overall, MET, NOT_MET)
                out.status[:] = np.where(has & ~np.isnan(ref_latest), s, NO_DATA)
                out.extra["difference"] = a - ref_latest
        else:  # no_target: trend only
            out.status[:] = np.where(has, NO_TARGET, NO_DATA)
            b = v[:, 0]
            out.projection[:] = np.where(last > 0, a + (a - b) / np.maximum(last, 1) * rem, np.nan)
        # Not reported: nothing is derived from it; the target for the evaluation year is still shown.
        if not has.all():
            start = np.where(np.isnan(v[:, 0]), baseline, v[:, 0])
            due = np.broadcast_to(path_values(spec.path, start, t, upto, n), (rows,))
            for array in (out.ratio, out.required, out.projection, out.actual):
                array[~has] = np.nan
            out.expected[~has] = due[~has]
    return out


def _resolve_reference(spec: IndicatorSpec, specs: Sequence[IndicatorSpec]) -> int | None:
    """The indicator a relational target refers to (GDP/经济 → 地区生产总值增长)."""
    words = (spec.relative_to or "").replace("GDP", "地区生产总值").replace("经济增长", "地区生产总值增长")
    for other in specs:
        if other.no != spec.no and (other.name in words or words.rstrip("速度") in other.name):
            return other.no
    return None


def evaluate_cube(specs: Sequence[IndicatorSpec], cube: Cube, as_of: int,
                  settings: Settings = Settings()) -> list[Arrays]:
    """Every indicator for every region. Indicators sharing a rule (kind, direction, comparator, path,
    period) are stacked and evaluated as one block, so the Python loop runs over a handful of groups."""
    n_r = len(cube.regions)
    results: list[Arrays | None] = [None] * len(specs)
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, spec in enumerate(specs):
        if spec.kind == "relational":
            ref_no = _resolve_reference(spec, specs)
            reference = cube.values[cube.index[ref_no]] if ref_no is not None else None
            results[i] = evaluate_indicator(spec, cube.values[i], cube.flags[i], as_of, settings, reference)
        else:
            key = (spec.kind, spec.direction, spec.comparator, spec.path, spec.base_year, spec.end_year)
            groups.setdefault(key, []).append(i)
    for members in groups.values():
        idx = np.array(members)
        block = evaluate_rows(
            specs[members[0]], cube.values[idx].reshape(-1, cube.values.shape[2]),
            cube.flags[idx].reshape(-1, cube.flags.shape[2]), as_of, settings,
            *(np.repeat([np.nan if x is None else x for x in (getattr(specs[i], name) for i in members)], n_r)
              for name in ("target", "target_max", "baseline")))
        for j, i in enumerate(members):
            part = slice(j * n_r, (j + 1) * n_r)
            results[i] = Arrays(**{name: getattr(block, name)[part] for name in (
                "status", "expected", "actual", "actual_year", "actual_flag", "ratio", "required", "projection",
                "baseline", "missing_years", "violations")},
                extra={key: value[part] for key, value in block.extra.items()})
    return [r for r in results if r is not None]


def _num(x: float) -> float | None:
    return None if x is None or np.isnan(x) else round(float(x), 4)


def evaluations(specs: Sequence[IndicatorSpec], cube: Cube, results: list[Arrays], as_of: int,
                regions: Sequence[str] | None = None) -> list[Evaluation]:
    """Readable results for the chosen regions, lagging binding indicators first."""
    wanted = [cube.regions.index(r) for r in regions] if regions else range(len(cube.regions))
    out = []
    for r in wanted:
        for spec, res in zip(specs, results, strict=True):
            status = STATUSES[int(res.status[r])]
            flags = []
            if res.actual_flag[r] in (EXPECTED, PARTIAL):
                flags.append({EXPECTED: "expected", PARTIAL: "partial"}[int(res.actual_flag[r])])
            if res.missing_years[r]:
                flags.append("missing_years")
            if res.actual_year[r] and res.actual_year[r] < min(as_of, spec.end_year):
                flags.append("stale")
            out.append(Evaluation(
                spec.no, spec.name, cube.regions[r], spec.kind, status, LABELS[status], spec.binding, spec.unit,
                _num(res.expected[r]), _num(res.actual[r]), int(res.actual_year[r]) or None, _num(res.ratio[r]),
                _num(res.required[r]), _num(res.projection[r]), explain(spec, res, r, as_of, status), tuple(flags),
                explain(spec, res, r, as_of, status, "en")))
    return sorted(out, key=lambda e: (e.region, 0 if e.binding and e.status in LAGGING else
                                      1 if e.status in LAGGING else 2, e.no))


def evaluate(specs: Sequence[IndicatorSpec], table: ObservationTable, as_of: int, settings: Settings = Settings(),
             regions: Sequence[str] | None = None) -> list[Evaluation]:
    """Evaluate a validated observation table as of ``as_of`` (see :func:`evaluate_cube` for many regions)."""
    cube = build_cube(specs, table)
    return evaluations(specs, cube, evaluate_cube(specs, cube, as_of, settings), as_of, regions)
