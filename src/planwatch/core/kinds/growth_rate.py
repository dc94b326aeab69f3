"""年均增速型 growth_rate: the target is an average yearly growth rate (1 地区生产总值增长, 6.5 % a year).

The yearly rates are compounded: average = (Π(1 + r_i))^(1/k) − 1 over the k years reported; a series of rates
is never put through a CAGR of its own values, and the base year's rate plays no part.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..explain import Cells, Pieces, Sentence, fmt_many, one_row, phrase, whole
from ..spec import IndicatorSpec
from .block import Block
from .rule import RATE_NAME, KindRule, Reading, Row, Sample, threshold


def detect(row: Row) -> Reading | None:
    ind = row.indicator
    t, g = ind.target, ind.growth
    if not t.is_numeric and g.value is not None and not g.cumulative and threshold(row) is t:
        return Reading("higher", g.value, "constant", f"年均增长栏为{g.raw}，按年均增速判断",
                       g.comparator if g.comparator not in (None, "eq") else "ge", t.value_max)
    if t.is_numeric and RATE_NAME.search(ind.name) and ind.unit == "%" and g.value is None \
            and ind.baseline_value is None:
        return Reading("higher", t.value, "constant", f"指标本身为增长率，目标{t.raw}为年均增速", t.comparator,
                       t.value_max)
    return None


def evaluate(b: Block) -> None:
    out, t, n, rem, has = b.out, b.target, b.n, b.rem, b.has
    r = b.window
    logs = np.log1p(r / 100)
    count = (~np.isnan(r)).sum(axis=1)
    total = np.nansum(logs, axis=1)
    avg = (np.exp(total / np.maximum(count, 1)) - 1) * 100
    out.actual[:] = np.where(has, avg, np.nan)
    out.expected[:] = t
    out.ratio[:] = np.where(t > 0, avg / t, np.nan)
    target_total = n * np.log1p(t / 100)
    met_now = (total >= target_total) if not b.final else b.meets(avg, t, b.target_max)
    out.required[:] = np.where(rem > 0, (np.exp((target_total - total) / np.maximum(rem, 1)) - 1) * 100, np.nan)
    latest_rate = np.where(has, b.v[b.idx, b.last], np.nan)
    out.projection[:] = (np.exp((total + rem * np.log1p(latest_rate / 100)) / n) - 1) * 100
    b.grade(np.where(t > 0, avg / t, np.where(avg >= t, 1.0, 0.0)), avg < 0, met_now, b.projected_meets(met_now))
    b.note_tolerance(avg)
    out.extra["latest_rate"] = latest_rate
    out.extra["years_counted"] = count


def explain_rows(c: Cells) -> Pieces:
    """The compound average of the years' rates against the planned average, that year's own rate beside it, then
    the verdict or the rate the remaining years need."""
    return c.each(_sentence, rest=c.rest_years > 0)


def _sentence(c: Cells, rest: bool) -> Sentence:
    current = phrase("year_value", year=c.year, v=fmt_many(c.extra("latest_rate"), "%"))
    text = phrase("growth_rate", first=c.first, year=c.year, counted=whole(c.extra("years_counted")),
                  a=c.number("actual", "%"), note=c.note, current=current, e=c.number("expected", "%"),
                  ratio=c.ratio)
    if c.status in ("met", "not_met"):
        return Sentence((text, c.verdict, phrase("end")))
    end = phrase("growth_rate_rest", rest=c.rest, required=c.number("required", "%")) if rest else phrase("end")
    return Sentence((text, end))


explain = one_row(explain_rows)


def simulate(s: Sample) -> npt.NDArray[np.float64]:
    """Yearly rates around the target, faster or slower by region."""
    return s.target * s.pace + s.noise * 1.5


def path_note(s: IndicatorSpec) -> str:
    return f"每年增长{s.target:g}%" if s.target is not None else ""


RULE = KindRule(
    "growth_rate", "年均增速", "年均增速型：目标为规划期年均增长率，按各年增速的复合平均判断", 30,
    detect, evaluate, explain, path_note, result_unit="%", rate_values=True, aggregates=False, target_family="年均增速",
    simulate=simulate, period_word="年均", explain_rows=explain_rows)
