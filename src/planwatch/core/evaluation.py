"""Evaluation as of any year: annual monitoring, 中期评估 (mid-term) and 总结评估 (final).

One implementation serves one region and thousands: observations are pivoted into a cube
(indicator × region × year) and each indicator's rule runs on all regions at once with numpy, so the
hot path has no per-row Python loop. Here is what every kind shares — the latest reported value, the
years still to go, "not reported" — and each kind's own step comes from the kind registry (``kinds``);
thresholds are :class:`Settings` with documented defaults. "Not reported" is NaN, never 0.

Statuses, their labels and their order are the vocabulary in ``statuses.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from typing_extensions import TypedDict  # typing's own cannot be a pydantic (API) schema before Python 3.12

from .explain import Cell, Language, Sentence, fmt, no_data, no_target, percent, phrase, stale
from .kinds import KINDS, IndicatorSpec
from .kinds.block import CODES, DEFAULT_SETTINGS, NO_DATA, Arrays, Block, Settings
from .observations import EXPECTED, PARTIAL, ObservationTable
from .paths import path_values
from .statuses import LAGGING, STATUSES

__all__ = ["CODES", "LAGGING", "Arrays", "Cube", "Evaluation", "EvaluationRecord", "Settings", "build_cube", "evaluate",
           "evaluate_cube", "evaluate_indicator", "evaluate_rows", "evaluation_mode", "evaluations", "explain"]
LABELS = {code: status.zh for code, status in STATUSES.items()}  # code → Chinese label


def evaluation_mode(as_of: int, base_year: int, end_year: int) -> str:
    """总结评估 from the end year on; 中期评估 in the middle year (2023 for 2021–2025); otherwise 年度监测."""
    if as_of >= end_year:
        return "总结评估"
    if as_of == base_year + (end_year - base_year + 1) // 2:
        return "中期评估"
    return "年度监测"


class EvaluationRecord(TypedDict):
    """An evaluation as JSON (CLI ``--format json``, the API, the exports): the sentence in both languages."""

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
    flags: list[str]
    explanation_en: str
    data_year: int | None
    year_value: float | None
    period_value: float | None


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
    sentence: Sentence  # how the status was reached, rendered in any language on demand
    flags: tuple[str, ...] = ()
    year_value: float | None = None  # the figure reported for actual_year itself (a growth rate: that year's rate)
    period_value: float | None = None  # a growth rate's compound average, a five-year total's cumulative change:
    # the figure ``actual`` is judged by, when it is not the year's own

    period_label: str = ""  # what period_value is: 年均, 累计 (the kind's word)

    @property
    def progress(self) -> str:
        """The progress ratio as the sentence writes it (83.88%): one figure on every page, report and export."""
        return "—" if self.ratio is None else percent(self.ratio)

    @property
    def actual_text(self) -> str:
        """实际 as tables show it: the year's own figure, and beside it, labelled, the period's figure that is
        judged (当年8.38%（2025）；年均8.48%); a count is whole."""
        unit = KINDS[self.kind].result_unit or self.unit
        if self.actual is None:
            return "—"
        year = f"（{self.actual_year}）" if self.actual_year else ""
        if self.period_value is None or self.year_value is None:
            return f"{fmt(self.actual, unit)}{year}"
        return f"当年{fmt(self.year_value, unit)}{year}；{self.period_label}{fmt(self.period_value, unit)}"

    @property
    def data_year(self) -> int | None:
        """The year the data run to (数据截至2021年): older than the end year in a 总结评估 means a projection."""
        return self.actual_year

    @property
    def explanation(self) -> str:
        """The sentence in Chinese, the language of the plan."""
        return self.sentence.render("zh")

    def explained(self, language: Language = "zh") -> str:
        return self.sentence.render(language)

    def as_dict(self) -> EvaluationRecord:
        return {"no": self.no, "name": self.name, "region": self.region, "kind": self.kind, "status": self.status,
                "label": self.label, "binding": self.binding, "unit": self.unit, "expected": self.expected,
                "actual": self.actual, "actual_year": self.actual_year, "ratio": self.ratio,
                "required_rate": self.required_rate, "projection": self.projection,
                "explanation": self.explanation, "flags": list(self.flags), "explanation_en": self.explained("en"),
                "data_year": self.data_year, "year_value": self.year_value, "period_value": self.period_value}


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
    valid = (pos >= 0) & (k >= 0) & (k < n_y) & np.isfinite(table.value)  # a stored NaN or ±inf is not reported
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
    rule = KINDS[spec.kind]
    n = spec.years
    rows = values.shape[0]
    upto = int(min(max(as_of - spec.base_year, 0), n))
    v = values
    if not rule.rate_values and flags.any():  # a part-year amount or level is not a yearly figure
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
    block = Block(spec, settings, v, target, target_max, baseline, reference, upto, as_of >= spec.end_year, last,
                  has, a, out)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rule.evaluate(block)
        # Not reported: nothing is derived from it; the target for the evaluation year is still shown.
        if not has.all():
            start = np.where(np.isnan(v[:, 0]), baseline, v[:, 0])
            due = np.broadcast_to(path_values(spec.path, start, target, upto, n), (rows,))
            for array in (out.ratio, out.required, out.projection, out.actual):
                array[~has] = np.nan
            out.expected[~has] = due[~has]
    return out


def evaluate_cube(specs: Sequence[IndicatorSpec], cube: Cube, as_of: int,
                  settings: Settings = DEFAULT_SETTINGS) -> list[Arrays]:
    """Every indicator for every region. Indicators sharing a rule (kind, direction, comparator, path,
    period, tolerance, baseline year, whether they count things) are stacked and evaluated as one block, so
    the Python loop runs over a handful of groups; an indicator judged against another one's values
    (relational) is evaluated on its own."""
    n_r = len(cube.regions)
    results: list[Arrays | None] = [None] * len(specs)
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, spec in enumerate(specs):
        reference_of = KINDS[spec.kind].reference_of
        if reference_of is not None:
            ref_no = reference_of(spec, specs)
            reference = cube.values[cube.index[ref_no]] if ref_no is not None else None
            results[i] = result = evaluate_indicator(spec, cube.values[i], cube.flags[i], as_of, settings, reference)
            if ref_no is not None:  # the sentence names the indicator it was judged against
                result.extra["reference_name"] = specs[cube.index[ref_no]].name
        else:
            # everything a rule reads from the block's spec rather than per row
            key = (spec.kind, spec.direction, spec.comparator, spec.path, spec.base_year, spec.end_year,
                   spec.approx_tolerance, spec.baseline_offset, spec.counts, spec.target_pending)
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


def explain(spec: IndicatorSpec, res: Arrays, r: int, as_of: int, status: str) -> Sentence:
    """The sentence saying how the status of ``spec`` in region ``r`` was reached: the kind's own phrases, or the
    ones every kind shares when nothing was reported or there is nothing to judge against; a revised target says
    so at the end (目标已于2023年调整（依据：…）)."""
    sentence = _explain(spec, res, r, as_of, status)
    if spec.revised_from is None:
        return sentence
    return Sentence((*sentence.parts, phrase("revised", year=spec.revised_from, document=spec.revised_by)))


def _explain(spec: IndicatorSpec, res: Arrays, r: int, as_of: int, status: str) -> Sentence:
    if status == "no_data":
        return no_data(spec, as_of)
    cell = Cell(spec, res, r, status)
    if status in ("no_target", "target_pending"):
        return no_target(cell)
    sentence = KINDS[spec.kind].explain(cell)
    if status in ("projected_met", "projected_not_met"):  # 数据截至2021年: the projection decided
        return Sentence((*sentence.parts, stale(cell)))
    return sentence


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 4)  # ±inf too: JSON has no infinity


_READ = ("status", "actual_flag", "missing_years", "actual_year", "expected", "actual", "ratio", "required",
         "projection")  # the fields of Arrays that evaluations() reads per cell



def evaluations(specs: Sequence[IndicatorSpec], cube: Cube, results: list[Arrays], as_of: int,
                regions: Sequence[str] | None = None) -> list[Evaluation]:
    """Readable results for the chosen regions, lagging binding indicators first."""
    wanted = [cube.regions.index(r) for r in regions] if regions else range(len(cube.regions))
    out = []
    # each result's columns as Python lists, once: reading numpy scalars one by one cost more than the rules
    columns = [{name: getattr(res, name).tolist() for name in _READ} for res in results]
    latests = [None if res.extra.get("latest_rate") is None else res.extra["latest_rate"].tolist() for res in results]
    for r in wanted:
        for spec, res, col, latest in zip(specs, results, columns, latests, strict=True):
            status = CODES[col["status"][r]]
            flags = []
            flag, year, actual = col["actual_flag"][r], col["actual_year"][r], _num(col["actual"][r])
            if flag in (EXPECTED, PARTIAL):
                flags.append({EXPECTED: "expected", PARTIAL: "partial"}[flag])
            if col["missing_years"][r]:
                flags.append("missing_years")
            if spec.revised_from is not None:
                flags.append("revised")
            if year and year < min(as_of, spec.end_year):
                flags.append("stale")
            out.append(Evaluation(
                spec.no, spec.name, cube.regions[r], spec.kind, status, LABELS[status], spec.binding, spec.unit,
                _num(col["expected"][r]), actual, int(year) or None, _num(col["ratio"][r]),
                _num(col["required"][r]), _num(col["projection"][r]), explain(spec, res, r, as_of, status),
                tuple(flags), _num(latest[r]) if latest is not None else actual,
                actual if latest is not None else None, KINDS[spec.kind].period_word))
    return sorted(out, key=lambda e: (e.region, 0 if e.binding and e.status in LAGGING else
                                      1 if e.status in LAGGING else 2, e.no))


def evaluate(specs: Sequence[IndicatorSpec], table: ObservationTable, as_of: int, settings: Settings = DEFAULT_SETTINGS,
             regions: Sequence[str] | None = None) -> list[Evaluation]:
    """Evaluate a validated observation table as of ``as_of`` (see :func:`evaluate_cube` for many regions)."""
    cube = build_cube(specs, table)
    return evaluations(specs, cube, evaluate_cube(specs, cube, as_of, settings), as_of, regions)
