"""五年累计型 cumulative: the target is a five-year total ([13.5] — 单位GDP能耗降低).

Observations are the yearly reduction rates. Achieved so far C = 1 − Π(1 − r_i); due by now E = 1 − (1 − X)^(k/n);
the final evaluation judges the five-year total (五年算总账).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..explain import Cells, Pieces, Sentence, fmt, one_row, phrase
from ..paths import path_values
from ..spec import IndicatorSpec
from ..targets import TargetExpr
from .block import Block
from .rule import KindRule, Reading, Row, Sample


def five_year_total(row: Row) -> TargetExpr | None:
    """The five-year total a row states: in the target column (Jinpu ``[13.5]``), else in the 年均/累计 column when
    the target column has no figure (national ``—`` / ``〔13.5〕``)."""
    t, g = row.indicator.target, row.indicator.growth
    if t.cumulative and t.value is not None:
        return t
    if not t.is_numeric and g.cumulative and g.value is not None:
        return g
    return None


def is_rate_total(row: Row) -> bool:
    """A total of yearly rates (降低 %) compounds; any other unit (岁, 百分点) is an increase in that unit."""
    return row.indicator.unit in ("%", "％")


def detect(row: Row) -> Reading | None:
    t = five_year_total(row)
    if t is not None and is_rate_total(row):
        return Reading(row.name_direction or "higher", t.value, "geometric_cumulative", f"目标“{t.raw}”为五年累计数",
                       t.comparator, t.value_max)
    return None


def evaluate(b: Block) -> None:
    out, t, n, rem, has = b.out, b.target, b.n, b.rem, b.has
    r = b.window
    logs = np.log1p(-r / 100)
    count = (~np.isnan(r)).sum(axis=1)
    total = np.nansum(logs, axis=1)
    done = (1 - np.exp(total)) * 100
    expected = path_values("geometric_cumulative", 0.0, t, b.last, n)
    out.actual[:], out.expected[:] = np.where(has, done, np.nan), expected
    ratio = np.where(expected > 0, done / expected, np.nan)
    out.ratio[:] = ratio
    met_now = done >= t
    out.required[:] = np.where(rem > 0, (1 - ((1 - t / 100) / np.exp(total)) ** (1 / np.maximum(rem, 1))) * 100,
                               np.nan)
    mean_log = total / np.maximum(count, 1)
    out.projection[:] = (1 - np.exp(total + rem * mean_log)) * 100
    b.grade(np.nan_to_num(ratio, nan=0.0), done < 0, met_now, np.where(np.isnan(out.projection), met_now,
                                                                         out.projection >= t))
    out.extra["years_counted"] = count
    out.extra["latest_rate"] = np.where(has, b.v[b.idx, b.last], np.nan)  # that year's own reduction


def explain_rows(c: Cells) -> Pieces:
    """The reduction so far, compounded, against where the five-year total should be by now; what the remaining
    years need."""
    return c.each(_sentence, rest=c.rest_years > 0)


def _sentence(c: Cells, rest: bool) -> Sentence:
    text = phrase("cumulative", first=c.first, year=c.year, a=c.number("actual", "%"), note=c.note,
                  target=fmt(c.spec.target or 0, "%"), e=c.number("expected", "%"))
    end = phrase("cumulative_rest", rest=c.rest, required=c.number("required", "%")) if rest else phrase("end")
    return Sentence((text, end))


explain = one_row(explain_rows)


def simulate(s: Sample) -> npt.NDArray[np.float64]:
    """Yearly reductions around the rate that reaches the five-year total."""
    yearly: float = (1 - (1 - s.target / 100) ** (1 / s.years)) * 100
    return yearly * s.pace + s.noise * 0.5


def path_note(s: IndicatorSpec) -> str:
    if s.target is None:
        return ""
    return f"五年累计{s.target:g}%，每年约{path_values('geometric_cumulative', 0, s.target, 1, s.years):.2f}%"


RULE = KindRule(
    "cumulative", "五年累计", "五年累计型：目标为五年累计数（[ ]），按逐年累计完成情况判断", 20,
    detect, evaluate, explain, path_note, result_unit="%", aggregates=False, target_family="五年累计",
    simulate=simulate, period_word="累计", explain_rows=explain_rows)
