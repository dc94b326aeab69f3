"""Observations in long form — (indicator, year, region, value, source, flag) — held as columns.

"Not reported" is a missing row, never 0. A value for part of a year (``1-9月``) or an estimate
(``预计``) is kept and marked. When several sources give a value for one (indicator, year, region),
all are kept and one is chosen by the one priority of :mod:`planwatch.core.series` (:data:`CHOICE_RULE`).
Bad rows are collected and reported together; nothing is evaluated until the whole table is valid.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import PlanwatchError
from .indicator_names import NameIndex
from .model import Indicator
from .readers.encoding import decode_text
from .series import CHOICE_RULE, EXPECTED, FINAL, FLAG_LABELS, FLAG_NAMES, PARTIAL, is_official, is_simulated, pick
from .textnorm import number_text
from .units import convert

__all__ = ["CHOICE_RULE", "EXPECTED", "FINAL", "FLAG_LABELS", "FLAG_NAMES", "PARTIAL", "ObservationError",
           "ObservationTable", "build_table", "collector_paused", "parse_flag", "read_observations"]
_PARTIAL = re.compile(r"\d+\s*[-—~至]\s*\d+\s*月|前三季度|上半年|一季度|季度|月|partial", re.IGNORECASE)
MAX_LISTED = 20


class ObservationError(PlanwatchError, ValueError):
    """The observation table has rows that cannot be used; the message lists them."""


def parse_flag(text: str) -> int:
    text = (text or "").strip()
    if "预计" in text or "expected" in text.lower() or "estimate" in text.lower():
        return EXPECTED
    if text and text not in ("全年", "年末", "年度", "final") and _PARTIAL.search(text):
        return PARTIAL
    return FINAL


@dataclass(frozen=True)
class ObservationTable:
    """Columns of equal length. ``region`` and ``source`` index into ``regions`` and ``sources``."""

    indicator: npt.NDArray[np.int32]
    year: npt.NDArray[np.int32]
    region: npt.NDArray[np.int32]
    value: npt.NDArray[np.float64]
    flag: npt.NDArray[np.int8]
    source: npt.NDArray[np.int32]
    row: npt.NDArray[np.int32]  # line number in the input, for messages
    regions: tuple[str, ...]
    sources: tuple[str, ...]
    periods: tuple[str, ...] = ()  # the period text as written, per row (1-9月, 全年(预计))
    # how far into its year a part-year value reaches (Q2 → 6), and whether a row is simulated; absent: 0, and
    # simulated when its source says 模拟
    months: npt.NDArray[np.int8] | None = None
    simulated: npt.NDArray[np.bool_] | None = None

    def __len__(self) -> int:
        return len(self.value)

    def take(self, rows: npt.NDArray[np.int64]) -> ObservationTable:
        """The table restricted to the given row positions."""
        return ObservationTable(self.indicator[rows], self.year[rows], self.region[rows], self.value[rows],
                                self.flag[rows], self.source[rows], self.row[rows], self.regions, self.sources,
                                tuple(self.periods[i] for i in rows) if self.periods else (),
                                None if self.months is None else self.months[rows],
                                None if self.simulated is None else self.simulated[rows])

    def chosen(self) -> ObservationTable:
        """One row per (indicator, year, region), chosen by the priority of :mod:`planwatch.core.series`."""
        if len(self) == 0:
            return self
        official = np.array([is_official(s) for s in self.sources], dtype=bool)[self.source]
        simulated = self.simulated if self.simulated is not None else \
            np.array([is_simulated(s) for s in self.sources], dtype=bool)[self.source]
        months = self.months if self.months is not None else np.zeros(len(self), dtype=np.int8)
        return self.take(pick(self.indicator, self.region, self.year, self.flag, months, simulated, official,
                              self.row))


class _Lookup:
    """An indicator by the number as printed ("11", "10.1": equal to str(no) unless there are sub-rows), by its
    exact name, or by its name as a person writes it (core.indicator_names: 城镇调查失业率 for
    ``5.城镇调查失业率（%）``, GDP增长 for 国内生产总值（GDP）增长); each spelling looked up once per file."""

    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self._exact: dict[str, Indicator | None] = {}
        for ind in indicators:
            self._exact[ind.display_no] = ind
            self._exact[ind.name] = ind
        self._names = NameIndex((ind.name, ind) for ind in indicators)

    def get(self, written: str) -> Indicator | None:
        if written in self._exact:
            return self._exact[written]
        found = self._exact[written] = self._names.find(written) if written else None
        return found


def _fail(problems: dict[str, list[int]], _unused: int) -> None:
    if not problems:
        return
    parts = []
    for what, rows in problems.items():
        listed = "、".join(str(r) for r in rows[:MAX_LISTED]) + ("等" if len(rows) > MAX_LISTED else "")
        parts.append(f"{what}：第{listed}行（共{len(rows)}行）")
    raise ObservationError(f"观测数据有{sum(len(r) for r in problems.values())}处问题，未做任何评估。" + "；".join(parts))


_COLUMNS = {
    "indicator": ("indicator", "indicator_no", "指标"), "indicator_no": ("indicator_no",), "year": ("year", "年份"),
    "value": ("value", "数值"), "unit": ("unit", "单位"), "flag": ("flag", "period", "期间"),
    "region": ("region", "地区"), "source": ("source", "source_url", "来源"),
}


def build_table(records: Iterable[dict[str, str]], indicators: Sequence[Indicator],
                default_region: str = "") -> ObservationTable:
    """Validate records (dicts with indicator, year, value and optional region, source, flag/period, unit)."""
    names = list(dict.fromkeys(name for columns in _COLUMNS.values() for name in columns))
    return _build(([rec.get(n) or "" for n in names] for rec in records), names, indicators, default_region)


def _positions(header: Sequence[str]) -> tuple[int | None, ...]:
    """Where the columns indicator, indicator_no, year, value, unit, flag, region and source are (None: absent)."""
    position = {name.strip(): i for i, name in enumerate(header)}
    return tuple(next((position[n] for n in _COLUMNS[key] if n in position), None)
                 for key in ("indicator", "indicator_no", "year", "value", "unit", "flag", "region", "source"))


def _build(rows: Iterable[Sequence[str]], header: Sequence[str], indicators: Sequence[Indicator],
           default_region: str) -> ObservationTable:
    """The validation loop over rows given as lists; the columns are looked up once, not per row. A table with
    nothing to report is read column by column first (:func:`_by_columns`, the same checks, 10× faster); the loop
    runs when that finds anything to say, and says it."""
    rows = rows if isinstance(rows, list) else list(rows)
    table = _by_columns(rows, header, indicators, default_region)
    if table is not None:
        return table
    c_ind, c_no, c_year, c_value, c_unit, c_flag, c_region, c_source = _positions(header)
    width = len(header)
    lookup = _Lookup(indicators)
    units = {ind.no: ind.unit for ind in indicators}
    cols: dict[str, list[object]] = {k: [] for k in ("indicator", "year", "region", "value", "flag", "source",
                                                      "row", "period")}
    problems: dict[str, list[int]] = {}
    region_index: dict[str, int] = {}
    source_index: dict[str, int] = {}
    flag_cache: dict[str, int] = {}
    seen: set[tuple[int, int, int, int, int]] = set()
    unknown: dict[str, None] = {}  # the names not found, in order, to say them
    for line, raw in enumerate(rows, start=2):  # line 1 is the header
        row = list(raw) + [""] * (width - len(raw)) if len(raw) < width else raw

        def get(i: int | None, row: Sequence[str] = row) -> str:
            return (row[i] or "").strip() if i is not None else ""

        ind = lookup.get(get(c_ind)) or lookup.get(get(c_no))
        if ind is None:
            problems.setdefault("未知指标", []).append(line)
            unknown.setdefault(get(c_ind) or get(c_no), None)
            continue
        year_text = number_text(get(c_year))
        if len(year_text) != 4 or not year_text.isdigit():
            problems.setdefault("年份不是四位数字", []).append(line)
            continue
        raw_value = number_text(get(c_value).replace(",", ""))
        try:
            value = float(raw_value)
        except ValueError:
            problems.setdefault("数值不是数字" if raw_value else "数值为空（未报送请不要写0，直接不列该行）", []).append(line)
            continue
        if not math.isfinite(value):  # float() reads nan, inf, -Infinity and turns 1e309 into inf
            problems.setdefault("数值不是有限数字（nan、inf 或超出范围）", []).append(line)
            continue
        unit = get(c_unit)
        if unit and unit != units[ind.no]:
            try:
                value = convert(value, unit, units[ind.no])
            except PlanwatchError:
                problems.setdefault(f"单位与指标不符（指标{ind.no}应为{units[ind.no]}）", []).append(line)
                continue
        period = get(c_flag)
        flag = flag_cache.get(period)
        if flag is None:
            flag = flag_cache[period] = parse_flag(period)
        region = get(c_region) or default_region
        source = get(c_source)
        r = region_index.setdefault(region, len(region_index))
        s = source_index.setdefault(source, len(source_index))
        year = int(year_text)
        key = (ind.no, year, r, s, flag)
        if key in seen:
            problems.setdefault("重复数据（同一指标、年份、地区、来源出现多次）", []).append(line)
            continue
        seen.add(key)
        cols["indicator"].append(ind.no)
        cols["year"].append(year)
        cols["region"].append(r)
        cols["value"].append(value)
        cols["flag"].append(flag)
        cols["source"].append(s)
        cols["row"].append(line)
        cols["period"].append(period)
    if unknown:  # say which names were not found: the person fixes the spelling, not the row numbers
        names = "、".join(f"“{n[:30]}”" for n in list(unknown)[:MAX_LISTED]) + ("等" if len(unknown) > MAX_LISTED else "")
        said = f"未知指标{names}（请写表中的序号或指标名称）"
        problems = {said if what == "未知指标" else what: rows for what, rows in problems.items()}
    _fail(problems, 0)
    return ObservationTable(
        np.array(cols["indicator"], dtype=np.int32), np.array(cols["year"], dtype=np.int32),
        np.array(cols["region"], dtype=np.int32), np.array(cols["value"], dtype=np.float64),
        np.array(cols["flag"], dtype=np.int8), np.array(cols["source"], dtype=np.int32),
        np.array(cols["row"], dtype=np.int32), tuple(region_index), tuple(source_index),
        tuple(str(p) for p in cols["period"]))


def _by_columns(rows: list[Sequence[str]] | None, header: Sequence[str], indicators: Sequence[Indicator],
                default_region: str, columns: list[Sequence[str]] | None = None) -> ObservationTable | None:
    """The checks of :func:`_build`'s loop, column by column: each distinct cell text is looked at once and the
    numbers are read in one pass. None when any row would fail a check or needs its unit converted — the loop then
    reads the table again and names the rows. The table is given as ``rows``, or already as ``columns``."""
    if columns is None:
        if not rows:
            return None
        columns = list(itertools.zip_longest(*rows, fillvalue=""))
        n = len(rows)
    else:
        n = len(columns[0])
    width = len(header)
    c_ind, c_no, c_year, c_value, c_unit, c_flag, c_region, c_source = _positions(header)
    columns = columns + [("",) * n] * (width - len(columns))
    empty = ("",) * n

    def cells(i: int | None) -> Sequence[str]:
        return columns[i] if i is not None else empty

    def stripped(i: int | None, default: str = "") -> dict[str, str]:
        """Each distinct text of column ``i`` (first seen first) → the text stripped, or ``default`` when empty."""
        return {v: (v or "").strip() or default for v in dict.fromkeys(cells(i))}

    lookup = _Lookup(indicators)
    named: Sequence[Any]
    if c_no is None:  # one column names the indicator (the usual case): looked up by its texts, not pairs
        named = cells(c_ind)
        found = {text: lookup.get((text or "").strip()) for text in dict.fromkeys(named)}
    else:
        named = list(zip(cells(c_ind), cells(c_no)))
        found = {pair: lookup.get((pair[0] or "").strip()) or lookup.get((pair[1] or "").strip())
                 for pair in dict.fromkeys(named)}
    if any(ind is None for ind in found.values()):
        return None
    numbers = {key: ind.no for key, ind in found.items() if ind is not None}
    indicator = np.fromiter(map(numbers.__getitem__, named), dtype=np.int32, count=n)
    years = {}
    for written, text in stripped(c_year).items():
        text = number_text(text)
        if len(text) != 4 or not text.isdigit():
            return None
        years[written] = int(text)
    year = np.fromiter(map(years.__getitem__, cells(c_year)), dtype=np.int32, count=n)
    written_values = cells(c_value)
    try:
        joined = "".join(written_values)
        if joined.isascii() and "," not in joined:  # number_text and the comma rule change nothing: float() alone
            value = np.fromiter(map(float, written_values), dtype=np.float64, count=n)
        else:
            value = np.fromiter((float(number_text((v or "").strip().replace(",", ""))) for v in written_values),
                                dtype=np.float64, count=n)
    except (TypeError, ValueError):
        return None
    if not np.isfinite(value).all():
        return None
    units = {ind.no: ind.unit for ind in indicators}
    if c_unit is not None and any(stripped(c_unit).values()):
        unit_text = stripped(c_unit)
        if any(unit and unit != units[no] for no, unit in
               dict.fromkeys(zip(indicator.tolist(), map(unit_text.__getitem__, cells(c_unit))))):
            return None
    if c_flag is None:  # no period column: every row is its year's figure
        flag, written_periods = np.full(n, parse_flag(""), dtype=np.int8), ("",) * n
    else:
        periods = stripped(c_flag)
        flags = {text: parse_flag(text) for text in dict.fromkeys(periods.values())}
        flag_of = {written: flags[text] for written, text in periods.items()}
        flag = np.fromiter(map(flag_of.__getitem__, cells(c_flag)), dtype=np.int8, count=n)
        written_periods = tuple(map(periods.__getitem__, cells(c_flag)))
    region_index: dict[str, int] = {}
    source_index: dict[str, int] = {}
    regions = {v: region_index.setdefault(name, len(region_index))
               for v, name in stripped(c_region, default_region).items()}
    sources = {v: source_index.setdefault(name, len(source_index)) for v, name in stripped(c_source).items()}
    region = np.fromiter(map(regions.__getitem__, cells(c_region)), dtype=np.int32, count=n)
    source = np.fromiter(map(sources.__getitem__, cells(c_source)), dtype=np.int32, count=n)
    keys = np.stack([indicator, year, region, source, flag.astype(np.int32)])
    ordered = keys[:, np.lexsort(keys)]
    if n > 1 and (ordered[:, 1:] == ordered[:, :-1]).all(axis=0).any():  # a repeated row: the loop names it
        return None
    return ObservationTable(indicator, year, region, value, flag, source, np.arange(2, n + 2, dtype=np.int32),
                            tuple(region_index), tuple(source_index), written_periods)


def read_observations(path: str | Path, indicators: Sequence[Indicator], default_region: str = "") -> ObservationTable:
    """Read a CSV of observations (UTF-8 or GB18030); see :func:`build_table` for the columns."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ObservationError(f"{path}: 文件不存在") from exc
    if not data:
        raise ObservationError(f"{path.name}: 文件为空")
    text, _ = decode_text(data, path.name)
    del data  # 25 MB for 345,000 rows, not needed while they are read
    with collector_paused():
        return _read_csv(text, path, indicators, default_region)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading (or evaluating) makes millions of strings, lists and tuples and no reference cycles: the cycle
    collector would walk them all again and again (half the time of a 345,000-row read), so it waits until the
    work is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _plain_columns(text: str) -> tuple[list[str], list[Sequence[str]]] | None:
    """The header and the columns of a CSV text with nothing for the csv module to do — no quote, carriage return
    or NUL, no empty line, the same number of fields on every line, none too long for it — split as it splits
    them, 3× faster (the csv module and the turning of rows into columns took half of reading 345,000 rows);
    None for any other text, which the csv module reads."""
    if text in ("", "\n") or '"' in text or "\r" in text or "\x00" in text or "\n\n" in text or \
            text.startswith("\n"):
        return None
    # one split (of the text itself: a copy without the last newline would be 25 MB more): each line's end becomes
    # a cell of its own ("\n", which no other cell can be), so a line with more or fewer fields than the header
    # moves an end away from where it should be
    final = text.endswith("\n")
    lines = text.count("\n") + (not final)
    width = text[:text.find("\n")].count(",") + 1
    step = width + 1
    cells = text.replace("\n", ",\n,").split(",")
    if final:
        del cells[-2:]  # the last line's end and the nothing after it
    if lines < 2 or len(cells) != lines * step - 1 or cells[width::step].count("\n") != lines - 1 or \
            max(map(len, cells)) > csv.field_size_limit():
        return None
    return cells[:width], [cells[step + i::step] for i in range(width)]


def _read_csv(text: str, path: Path, indicators: Sequence[Indicator], default_region: str) -> ObservationTable:
    plain = _plain_columns(text)
    if plain is None:  # the csv module's reader only when it reads: its StringIO is a copy of the text
        reader = csv.reader(io.StringIO(text))
        first = next(reader, [])
    else:
        first = plain[0]
    header = [h.strip() for h in first]
    fields = set(header)
    if not fields & {"indicator", "indicator_no", "指标"} or not fields & {"year", "年份"} or \
            not fields & {"value", "数值"}:
        raise ObservationError(f"{path.name}: 缺少必需的列 indicator、year、value（现有列：{'、'.join(sorted(fields))}）")
    if plain is not None:
        table = _by_columns(None, header, indicators, default_region, plain[1])
        if table is not None:
            return table
        reader = csv.reader(io.StringIO(text))
        next(reader, [])  # the row loop reads the rows after the header, and names the ones with a problem
    try:
        return _build(reader, header, indicators, default_region)
    except csv.Error as exc:
        raise ObservationError(f"{path.name}: CSV 格式错误：{exc}") from exc
