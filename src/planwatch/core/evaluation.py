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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from itertools import repeat
from operator import itemgetter
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from typing_extensions import TypedDict  # typing's own cannot be a pydantic (API) schema before Python 3.12

from .explain import (
    PHRASES,
    Cell,
    Cells,
    Language,
    Phrase,
    Pieces,
    Sentence,
    fmt,
    no_data,
    no_target_rows,
    percent,
    phrase,
    stale_rows,
)
from .kinds import KINDS, IndicatorSpec
from .kinds.block import CODES, DEFAULT_SETTINGS, NO_DATA, Arrays, Block, Settings
from .observations import EXPECTED, PARTIAL, ObservationTable
from .paths import path_values
from .statuses import LAGGING, STATUSES

__all__ = ["CODES", "LAGGING", "Arrays", "Cube", "Evaluation", "EvaluationRecord", "Settings", "build_cube", "evaluate",
           "evaluate_cube", "evaluate_indicator", "evaluate_records", "evaluate_rows", "evaluation_mode",
           "evaluation_records", "evaluations", "explain"]
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
    sentence: Sentence | Explained  # how the status was reached, rendered in any language on demand
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
        fields = self.__dict__
        row = _record_fields(_VALUES(fields), self.explanation, list(fields["flags"]), self.explained("en"),
                             fields["actual_year"])
        return cast(EvaluationRecord, dict(zip(_RECORD_KEYS, row)))


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
    cells = Cells.of(spec, res, np.array([r], dtype=np.intp), status)
    return _explain_rows(as_of, cells, bool(res.actual_year[r]), bool(np.isnan(res.projection[r])))[0][1].row(0)


_PROJECTED = ("projected_met", "projected_not_met")


def _explain_rows(as_of: int, cells: Cells, reported: bool, held: bool) -> Pieces:
    """:func:`explain` for a group of cells that share status, flag, tolerance, whether a value is ``reported``
    and whether there is no projection (``held``, for 数据截至…)."""
    spec, res, status = cells.spec, cells.res, cells.status
    if status == "no_data":
        return _revised(spec, [(cells, no_data(spec, as_of))])
    if status in ("no_target", "target_pending"):
        return _revised(spec, [(cells, no_target_rows(cells, reported))])
    rule = KINDS[spec.kind]
    if rule.explain_rows is not None:
        pieces = rule.explain_rows(cells)
    else:  # a kind registered with a sentence per cell
        pieces = [(replace(cells, rows=cells.rows[j:j + 1]), rule.explain(Cell(spec, res, r, status)))
                  for j, r in enumerate(cells.rows.tolist())]
    if status in _PROJECTED:  # 数据截至2021年: the projection decided
        pieces = [(group, Sentence((*sentence.parts, stale_rows(group, held)))) for group, sentence in pieces]
    return _revised(spec, pieces)


def _revised(spec: IndicatorSpec, pieces: Pieces) -> Pieces:
    if spec.revised_from is None:
        return pieces
    revised = phrase("revised", year=spec.revised_from, document=spec.revised_by)
    return [(group, Sentence((*sentence.parts, revised))) for group, sentence in pieces]


class Explanations:
    """The sentences of one indicator's results in the regions ``rows`` (all: None), built group by group on
    first use: the regions that share a sentence's shape are written by one format per phrase, in each language
    when it is first asked for."""

    def __init__(self, spec: IndicatorSpec, res: Arrays, as_of: int,
                 rows: npt.NDArray[np.intp] | None = None) -> None:
        self.spec, self.res, self.as_of = spec, res, as_of
        self.rows = np.arange(len(res.status), dtype=np.intp) if rows is None else rows
        self._pieces: Pieces | None = None
        self._texts: dict[str, list[str]] = {}
        self._where: dict[int, tuple[int, int]] | None = None
        self._position: dict[int, int] | None = None if rows is None else {r: j for j, r in enumerate(rows.tolist())}

    def _at(self, r: int) -> int:
        return r if self._position is None else self._position[r]

    @property
    def pieces(self) -> Pieces:
        if self._pieces is None:
            res, rows = self.res, self.rows
            strictly = res.extra.get("strictly_met")
            flag = res.actual_flag[rows].astype(np.int64)
            # the shared conditions of a sentence's shape, one bit each above the status and the flag
            key = (res.status[rows].astype(np.int64) << 8) | (np.where((flag == EXPECTED) | (flag == PARTIAL), flag, 0)
                                                               << 3)
            if strictly is not None:
                key |= np.asarray(strictly[rows], dtype=bool).astype(np.int64) << 2
            key |= (res.actual_year[rows] != 0).astype(np.int64) << 1
            key |= np.isnan(res.projection[rows]).astype(np.int64)
            order = np.argsort(key, kind="stable")
            keys, starts = np.unique(key[order], return_index=True)
            pieces: Pieces = []
            for k, group in zip(keys.tolist(), np.split(order, starts[1:]), strict=True):
                cells = Cells(self.spec, res, rows[group], CODES[k >> 8], k >> 3 & 31,
                              True if strictly is None else bool(k >> 2 & 1))
                pieces += _explain_rows(self.as_of, cells, bool(k >> 1 & 1), bool(k & 1))
            self._pieces = pieces
        return self._pieces

    def texts(self, language: Language) -> list[str]:
        """Every row's sentence in ``language``, in the order of ``rows``."""
        texts = self._texts.get(language)
        if texts is None:
            out = np.empty(len(self.rows), dtype=object)
            for cells, sentence in self.pieces:
                at = cells.rows if self._position is None else [self._position[r] for r in cells.rows.tolist()]
                rendered = sentence.render_rows(language)  # one text per row, or one for all
                out[at] = np.array(rendered, dtype=object) if isinstance(rendered, list) else rendered
            self._texts[language] = texts = out.tolist()
        return texts

    def sentence(self, r: int) -> Sentence:
        """The sentence of region ``r`` alone, as phrases."""
        if self._where is None:  # region → its group and its row there, once (pickling many results asks each)
            self._where = {r: (k, j) for k, (cells, _) in enumerate(self.pieces)
                           for j, r in enumerate(cells.rows.tolist())}
        k, j = self._where[r]
        return self.pieces[k][1].row(j)


class Explained:
    """The sentence of region ``r`` among an indicator's :class:`Explanations`: rendered as a
    :class:`~planwatch.core.explain.Sentence` would be, and stored (pickled for the cache) as one."""

    __slots__ = ("explanations", "r")

    def __init__(self, explanations: Explanations, r: int) -> None:
        self.explanations, self.r = explanations, r

    def render(self, language: Language = "zh") -> str:
        return self.explanations.texts(language)[self.explanations._at(self.r)]

    @property
    def parts(self) -> tuple[Phrase, ...]:
        return self.explanations.sentence(self.r).parts

    def __reduce__(self) -> tuple[Any, ...]:
        return Sentence, (self.parts,)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Explained, Sentence)):
            return all(self.render(language) == other.render(language) for language in PHRASES)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.render("zh"))


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 4)  # ±inf too: JSON has no infinity


def _nums(values: npt.NDArray[np.float64]) -> list[float | None]:
    """:func:`_num` of every value: the double Python's ``round(x, 4)`` gives, 14× faster. ``round`` rounds the
    exact binary value to 4 decimals (half to even) and reads the decimal back; ``rint(x × 10⁴) / 10⁴`` is the same
    double whenever x × 10⁴, which the product misses by at most half a unit in its last place (|x × 10⁴| · 2⁻⁵³),
    is further than 8 times that from a half (the division of an exact integer by 10⁴ is correctly rounded). The
    rest — ties, near-ties, |x × 10⁴| ≥ 2⁵⁰, NaN and infinity — go through ``round`` (or become None). numpy's own
    ``round`` differs (it rounds the product's halves).

    >>> _nums(np.array([1.00005, 2.5e-5, -4e-5, 0.123456, np.nan, 1e300]))
    [1.0001, 0.0, -0.0, 0.1235, None, 1e+300]
    """
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = values * 1e4
        near = np.rint(scaled)
        size = np.abs(scaled)
        sure = (np.abs(np.abs(scaled - near) - 0.5) > size * 2.0**-50) & (size < 2.0**50)
    rounded: list[float | None] = (near / 1e4).tolist()
    if not sure.all():
        for k in np.flatnonzero(~sure).tolist():
            x = float(values[k])
            rounded[k] = round(x, 4) if math.isfinite(x) else None
    return rounded


_FIELDS = tuple(f.name for f in fields(Evaluation))


def _flags(code: int, revised: bool) -> tuple[str, ...]:
    """The flags of a result from their code (1, 2: an estimate, part of a year; 4: missing years; 8: stale)."""
    names = ["expected"] if code & 3 == 1 else ["partial"] if code & 3 == 2 else []
    return (*names, *(["missing_years"] if code & 4 else []), *(["revised"] if revised else []),
            *(["stale"] if code & 8 else []))


def _evaluation(values: tuple[Any, ...]) -> Evaluation:
    """``Evaluation(*values)`` without the frozen dataclass's ``__init__``, which sets its 19 fields one by one
    through ``object.__setattr__``: a third of the time of 69,000 results."""
    evaluation: Evaluation = object.__new__(Evaluation)
    object.__setattr__(evaluation, "__dict__", dict(zip(_FIELDS, values, strict=True)))
    return evaluation


def evaluations(specs: Sequence[IndicatorSpec], cube: Cube, results: list[Arrays], as_of: int,
                regions: Sequence[str] | None = None) -> list[Evaluation]:
    """Readable results for the chosen regions, lagging binding indicators first. Each field is read for all the
    regions at once, column by column; the sentences are written, for all the regions of an indicator, only when
    one is first asked for (the command line's table never asks)."""
    out: list[Evaluation] = []
    columns, order = _columns(specs, cube, results, as_of, regions)
    for explanations, wanted, values in columns:
        values[_SENTENCE] = [Explained(explanations, r) for r in wanted]
        out += map(_evaluation, zip(*values))
    return out if order is None else [out[k] for k in order]


_SENTENCE = _FIELDS.index("sentence")


def evaluation_records(specs: Sequence[IndicatorSpec], cube: Cube, results: list[Arrays], as_of: int,
                       regions: Sequence[str] | None = None) -> list[EvaluationRecord]:
    """``[e.as_dict() for e in evaluations(…)]``, the same records in the same order, for many results without the
    result objects: the columns :func:`evaluations` reads, each indicator's sentences as two lists, and the records
    made by zipping them with their keys (the command line's JSON: 69,000 records)."""
    out: list[EvaluationRecord] = []
    columns, order = _columns(specs, cube, results, as_of, regions)
    for explanations, _, values in columns:
        zh, en = explanations.texts("zh"), explanations.texts("en")
        year = values[_FIELDS.index("actual_year")]
        flags = list(map(list, values[_SENTENCE + 1]))
        records = map(dict, map(zip, repeat(_RECORD_KEYS), zip(*_record_fields(values, zh, flags, en, year))))
        out += cast("Iterator[EvaluationRecord]", records)
    return out if order is None else [out[k] for k in order]


def _record_fields(fields: Sequence[Any], zh: Any, flags: Any, en: Any, year: Any) -> list[Any]:
    """The one home of a record's fields: in the order of :class:`EvaluationRecord`'s keys, from a result's fields
    in the order of :class:`Evaluation`'s, its sentences and its flags as a list (data_year is actual_year); each
    a column of many results' (:func:`evaluation_records`) or one result's value (``as_dict``)."""
    return [*fields[:_SENTENCE], zh, flags, en, year, *fields[_SENTENCE + 2:_SENTENCE + 4]]


_RECORD_KEYS = tuple(EvaluationRecord.__annotations__)  # in the order the keys are declared
_VALUES = itemgetter(*_FIELDS)  # a result's fields, in their order


def _columns(specs: Sequence[IndicatorSpec], cube: Cube, results: list[Arrays], as_of: int,
             regions: Sequence[str] | None) -> tuple[list[tuple[Explanations, list[int], list[Any]]], list[int] | None]:
    """For each indicator, its sentences, the regions' rows and the results' fields as columns (``_FIELDS``
    order, the sentence column None: the caller's), and the order of all the results (None: as they come)."""
    wanted = [cube.regions.index(r) for r in regions] if regions else list(range(len(cube.regions)))
    rows = np.array(wanted, dtype=np.intp)
    chosen = rows if regions else None
    names = [cube.regions[r] for r in wanted]
    # the order of the results: by region name, lagging binding indicators first, then lagging ones, then by number
    position = {name: k for k, name in enumerate(sorted(set(names)))}
    rank = np.array([position[name] for name in names], dtype=np.int64)
    lagging = np.array([code in LAGGING for code in CODES])
    keys: list[tuple[npt.NDArray[np.int64], ...]] = []
    out: list[tuple[Explanations, list[int], list[Any]]] = []
    for spec, res in zip(specs, results, strict=True):
        lags = lagging[res.status[rows]]
        keys.append((np.full(len(wanted), spec.no), np.where(lags & spec.binding, 0, np.where(lags, 1, 2)), rank))
        explanations = Explanations(spec, res, as_of, chosen)
        status = [CODES[code] for code in res.status[rows].tolist()]
        year = res.actual_year[rows]
        flag = res.actual_flag[rows]
        # the flags of each result as one number: which estimate, missing years, stale data (revised: the spec's)
        code = (np.where(flag == EXPECTED, 1, np.where(flag == PARTIAL, 2, 0))
                | (res.missing_years[rows] != 0) << 2 | ((year != 0) & (year < min(as_of, spec.end_year))) << 3)
        shapes = {k: _flags(k, spec.revised_from is not None) for k in range(16)}
        actual = _nums(res.actual[rows])
        latest = res.extra.get("latest_rate")
        n = len(wanted)
        out.append((explanations, wanted, [
            repeat(spec.no, n), repeat(spec.name), names, repeat(spec.kind), status, map(LABELS.__getitem__, status),
            repeat(spec.binding), repeat(spec.unit), _nums(res.expected[rows]), actual,
            [y or None for y in year.tolist()], _nums(res.ratio[rows]), _nums(res.required[rows]),
            _nums(res.projection[rows]), None, list(map(shapes.__getitem__, code.tolist())),
            actual if latest is None else _nums(latest[rows]), repeat(None) if latest is None else actual,
            repeat(KINDS[spec.kind].period_word)]))
    if not keys:
        return out, None
    order = np.lexsort([np.concatenate(column) for column in zip(*keys, strict=True)])  # stable, as sorted() is
    return out, order.tolist()


def evaluate(specs: Sequence[IndicatorSpec], table: ObservationTable, as_of: int, settings: Settings = DEFAULT_SETTINGS,
             regions: Sequence[str] | None = None) -> list[Evaluation]:
    """Evaluate a validated observation table as of ``as_of`` (see :func:`evaluate_cube` for many regions)."""
    cube = build_cube(specs, table)
    return evaluations(specs, cube, evaluate_cube(specs, cube, as_of, settings), as_of, regions)


def evaluate_records(specs: Sequence[IndicatorSpec], table: ObservationTable, as_of: int,
                     settings: Settings = DEFAULT_SETTINGS, regions: Sequence[str] | None = None
                     ) -> list[EvaluationRecord]:
    """The records of :func:`evaluate`'s results (``as_dict``), made without the result objects."""
    cube = build_cube(specs, table)
    return evaluation_records(specs, cube, evaluate_cube(specs, cube, as_of, settings), as_of, regions)
