"""五年累计型 cumulative: the target is a five-year total ([13.5] — 单位GDP能耗降低).

Observations are the yearly reduction rates. Achieved so far C = 1 − Π(1 − r_i); due by now E = 1 − (1 − X)^(k/n);
the final evaluation judges the five-year total (五年算总账).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..explain import Cell, Sentence, fmt, phrase
from ..paths import path_values
from ..spec import IndicatorSpec
from .block import Block
from .rule import KindRule, Reading, Row, Sample


def detect(row: Row) -> Reading | None:
    t = row.indicator.target
    if t.cumulative and t.value is not None:
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
    b.grade(np.nan_to_num(ratio, nan=0.0), done < 0, met_now)
    out.required[:] = np.where(rem > 0, (1 - ((1 - t / 100) / np.exp(total)) ** (1 / np.maximum(rem, 1))) * 100,
                               np.nan)
    mean_log = total / np.maximum(count, 1)
    out.projection[:] = (1 - np.exp(total + rem * mean_log)) * 100
    out.extra["years_counted"] = count


def explain(c: Cell) -> Sentence:
    text = phrase("cumulative", first=c.first, year=c.year, a=c.number("actual", "%"), note=c.note,
                  target=fmt(c.spec.target or 0, "%"), e=c.number("expected", "%"))
    end = phrase("cumulative_rest", rest=c.rest, required=c.number("required", "%")) if c.rest > 0 else phrase("end")
    return Sentence((text, end))


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
    simulate=simulate)
