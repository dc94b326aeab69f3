"""水平型 level and 区间型 range: a figure for the target year, reached along a yearly target path.

R = (actual − baseline) / (path value for that year − baseline). The baseline is the base year's value, else the
table's at its own year (``60.6*`` is 2019's: the path starts a year earlier). A level without a baseline starts
from its first reported year, and its sentence says so. A range (5—10) is judged on its lower bound (higher is
better). A final sentence says whether the target is reached, and when a 左右 tolerance decided it.
"""

from __future__ import annotations

import numpy as np

from ..explain import Cells, Phrase, Pieces, Rows, Sentence, one_row, phrase, whole
from ..paths import whole_if_counted
from ..spec import Direction, IndicatorSpec
from .block import Block
from .rule import KindRule, Reading, Row, path_for_unit


def detect_level(row: Row) -> Reading | None:
    """The fallback for a numeric target: a level, its direction from the comparator, the baseline or the name."""
    ind = row.indicator
    t, b = ind.target, ind.baseline_value
    if t.value is None:
        return None
    if t.comparator in ("lt", "le"):
        d: Direction = "lower"
    elif b is not None and t.value != b:
        d = "higher" if t.value > b else "lower"
    else:
        d = row.name_direction or "higher"
    d = row.direction or d
    return Reading(d, t.value, path_for_unit(ind.unit, b),
                   f"目标“{t.raw}”为{ind.target_year or row.end_year}年水平值，" + ("越高越好" if d == "higher" else "越低越好"),
                   t.comparator, t.value_max)


def detect_range(row: Row) -> Reading | None:
    t = row.indicator.target
    if t.value is not None and t.comparator == "range":
        return Reading("higher", t.value, path_for_unit(row.indicator.unit), f"目标为区间{t.raw}", t.comparator,
                       t.value_max)
    return None


def evaluate(bl: Block) -> None:
    """Progress along the path from the baseline (or the first reported year) to the end-year target."""
    progress_along_path(bl, LEVEL)


def progress_along_path(bl: Block, rule: KindRule) -> None:
    """Progress from the start to ``rule.end_of(start, target)``: the target itself, or start + an increase."""
    out, v, idx, last, a, rem, sign = bl.out, bl.v, bl.idx, bl.last, bl.a, bl.rem, bl.sign
    # the base year's own observation, else the table's baseline at its own year (60.6* is 2019's)
    reported = ~np.isnan(v[:, 0])
    b0 = np.where(reported, v[:, 0], bl.baseline)
    # without a baseline the first reported year is the starting point, and the sentence says so
    first = np.argmax(~np.isnan(v[:, 1:]), axis=1) + 1
    k0 = np.where(np.isnan(b0), first, np.where(reported, 0, bl.spec.baseline_offset))
    b = np.where(np.isnan(b0), v[idx, first], b0)
    out.extra["start_year"] = np.where(np.isnan(b0), bl.spec.base_year + first, 0)
    t = rule.end_of(b, bl.target)
    out.extra["target_level"] = t
    e = bl.path(bl.spec.path, b, t, last, k0)
    out.baseline[:], out.expected[:] = b, e
    progress = np.where(e != b, (a - b) / (e - b), np.where(a * sign >= b * sign, 1.0, 0.0))
    progress = np.where(last > k0, progress, np.nan)
    out.ratio[:] = progress
    met_now = bl.meets(a, t, bl.target_max)
    positive = (a > 0) & (t > 0) & (bl.spec.path == "compound")
    out.required[:] = np.where(rem > 0, np.where(positive, ((t / a) ** (1 / rem) - 1) * 100, (t - a) / rem), np.nan)
    span = last - k0
    growth = np.where(positive & (b > 0) & (span > 0), (a / b) ** (1 / span), np.nan)
    out.projection[:] = whole_if_counted(bl.spec, np.where(np.isnan(growth), a + np.where(span > 0, (a - b) / span,
                                                                                      0) * rem, a * growth ** rem))
    bl.grade(np.nan_to_num(progress, nan=1.0), (a - b) * sign < 0, met_now, bl.projected_meets(met_now, t))
    bl.note_tolerance(a, t)


def explain_rows(c: Cells) -> Pieces:
    """Actual against the path's value for its year, the progress ratio from the baseline (or the first reported
    year), then the verdict, or what the remaining years need."""
    ratio, required = c.column("ratio"), c.column("required")
    return c.each(_sentence, no_path=np.isnan(ratio), from_first=c.extra("start_year") != 0,
                  needed=~np.isnan(required), positive=c.column("actual") > 0)


def _sentence(c: Cells, no_path: bool, from_first: bool, needed: bool, positive: bool) -> Sentence:
    spec = c.spec
    if no_path:
        text = phrase("level_no_path", year=c.year, a=c.a, note=c.note, target=c.target)
    elif from_first:  # no baseline: the first reported year is the start, said so
        text = phrase("level_from_first", year=c.year, a=c.a, note=c.note, e=c.e, start=whole(c.extra("start_year")),
                      baseline=c.number("baseline"), ratio=c.ratio)
    else:
        text = phrase("level", year=c.year, a=c.a, note=c.note, e=c.e, baseline=c.number("baseline"), ratio=c.ratio)
    if c.status in ("met", "not_met"):
        return Sentence((text, c.verdict, phrase("end")))
    if c.status == "achieved_early":
        return Sentence((text, phrase("achieved_early", end=spec.end_year), *c.tolerance_note))
    if c.status == "reversing":
        return Sentence((text, phrase("reversing")))
    parts = [text]
    if needed:
        compound = spec.path == "compound"
        if compound and positive:
            required: Rows | Phrase = c.number("required", "%")
        else:  # a change in the plan's unit a year: 亿元/年
            required = phrase("rate_per_year", number=c.number("required"))
        parts.append(phrase("level_rest", change=phrase("growth" if compound else "change"), required=required))
    return Sentence((*parts, phrase("end")))


explain = one_row(explain_rows)


def range_note(s: IndicatorSpec) -> str:
    return f"区间{s.target:g}—{s.target_max:g}，按下限分解" if s.target_max is not None else ""


LEVEL = KindRule(
    "level", "水平值", "水平型：目标为规划末年的水平值，按基期到目标的年度目标路径判断进度", 80,
    detect_level, evaluate, explain, lambda s: "", target_family="期末水平", needs_baseline=True,
    explain_rows=explain_rows)
RANGE = KindRule(
    "range", "区间", "区间型：目标为区间（如5—10家）", 50,
    detect_range, evaluate, explain, range_note, target_family="期末水平", needs_baseline=True,
    explain_rows=explain_rows)
