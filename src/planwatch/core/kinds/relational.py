"""关系型 relational: judged each year against another indicator (高于GDP增长, 与经济增长基本同步).

GDP/经济增长 resolve to 地区生产总值增长. ``高于`` needs a higher value, ``基本同步`` a difference within
``Settings.relational_tolerance`` (0.5 percentage points); the final evaluation judges the average difference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..explain import Cells, Pieces, Sentence, one_row, phrase
from ..spec import IndicatorSpec
from .block import NO_DATA, NO_TARGET, Block
from .growth_rate import simulate
from .rule import KindRule, Reading, Row


def detect(row: Row) -> Reading | None:
    """``高于GDP增长`` in the target column (Jinpu) or, with no figure there, in the 年均/累计 column (national)."""
    t, g = row.indicator.target, row.indicator.growth
    if not t.relative_to and not t.is_numeric and g.relative_to:
        t = g
    if not t.relative_to:
        return None
    return Reading("higher" if t.comparator != "lt" else "lower", None, "none",
                   f"目标写作“{t.raw}”，与“{t.relative_to}”比较", t.comparator, t.value_max, t.relative_to)


_GDP_WORDS = re.compile(r"GDP|生产总值|经济增长")
_GDP_GROWTH = re.compile(r"(地区生产总值|国内生产总值|GDP).*(增长|增速)")


def reference_of(spec: IndicatorSpec, specs: Sequence[IndicatorSpec]) -> int | None:
    """The indicator a relational target refers to: GDP/经济增长 is the plan's own GDP growth, whatever the plan
    calls it (地区生产总值增长, 国内生产总值（GDP）增长); another name is found by its words."""
    words = spec.relative_to or ""
    others = [other for other in specs if other.no != spec.no]
    if _GDP_WORDS.search(words):
        return next((other.no for other in others if _GDP_GROWTH.search(other.name)), None)
    return next((other.no for other in others if other.name in words or words.rstrip("速度") in other.name), None)


def evaluate(bl: Block) -> None:
    out, has, reference = bl.out, bl.has, bl.reference
    if reference is None:  # nothing to compare with: the trend only
        out.status[:] = np.where(has, NO_TARGET, NO_DATA)
        return
    last, idx = bl.last, bl.idx
    diff = bl.window - reference[:, 1:bl.upto + 1]
    tol = bl.settings.relational_tolerance
    comparator = bl.spec.comparator or ""
    ok = {"gt": diff > 0, "lt": diff < 0}.get(comparator, np.abs(diff) <= tol)
    ref_latest = np.where(has, reference[idx, last], np.nan)
    out.expected[:] = ref_latest
    latest_ok = np.where(has, ok[idx, np.maximum(last - 1, 0)], False)
    counted = (~np.isnan(diff)).sum(axis=1)
    mean_diff = np.where(counted > 0, np.nansum(diff, axis=1) / np.maximum(counted, 1), np.nan)
    overall = {"gt": mean_diff > 0, "lt": mean_diff < 0}.get(comparator, np.abs(mean_diff) <= tol)
    bl.held_or_broken(latest_ok, overall, has & ~np.isnan(ref_latest))
    out.extra["difference"] = bl.a - ref_latest


def explain_rows(c: Cells) -> Pieces:
    """The year's value beside the other indicator's, and what the plan asks of the two."""
    comparator = c.spec.comparator
    relation = phrase(comparator if comparator in ("gt", "lt") else "eq")
    reference = c.res.extra.get("reference_name") or c.spec.relative_to  # the indicator judged against, by name
    return [(c, Sentence((phrase("relational", year=c.year, a=c.a, note=c.note, reference=reference, e=c.e,
                                 relation=relation),)))]


explain = one_row(explain_rows)


RULE = KindRule(
    "relational", "关系", "关系型：与另一指标比较（如高于GDP增长、与经济增长基本同步）", 10,
    detect, evaluate, explain, lambda s: f"与“{s.relative_to}”比较，不分解",
    rate_values=True, aggregates=False, reference_of=reference_of,
    simulate=simulate, explain_rows=explain_rows)  # a growth rate compared with another one
