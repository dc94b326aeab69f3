"""上限型 ceiling and 下限型 floor: a bound already kept at the baseline, to be kept every year.

Monitoring: 基本符合预期 while the latest year holds, 滞后 when it is broken. Final: met only if every year held
(``Settings.ceiling_every_year``, default on — binding targets are judged strictly).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..explain import Cells, Pieces, Sentence, one_row, phrase, whole
from .block import Block
from .rule import KindRule, Reading, Row, Sample, meets, threshold


def detect_ceiling(row: Row) -> Reading | None:
    """``＜4`` met at the baseline; a strict ``＜5.5`` also without a baseline (it is checked every year)."""
    t, b = threshold(row), row.indicator.baseline_value
    if t.value is None or t.comparator not in ("lt", "le"):
        return None
    if b is not None and meets(b, t.comparator, t.value):
        return Reading("lower", t.value, "constant", f"基期值{b:g}已在上限“{t.raw}”之内，每年不得突破",
                       t.comparator, t.value_max)
    if b is None and t.comparator == "lt":
        return Reading("lower", t.value, "constant", f"目标“{t.raw}”为上限，每年不得突破", "lt", t.value_max)
    return None


def detect_floor(row: Row) -> Reading | None:
    """``≥98``, or a plain target equal to a baseline that already meets it (森林覆盖率 33); a strict ``＞6.5``
    also without a baseline (粮食综合生产能力: checked every year)."""
    t, b = threshold(row), row.indicator.baseline_value
    if t.value is None:
        return None
    if b is None:
        if t.comparator == "gt":
            return Reading("higher", t.value, "constant", f"目标“{t.raw}”为下限，每年不得低于", "gt", t.value_max)
        return None
    comparator = t.comparator if t.comparator != "eq" else "ge"
    if (t.comparator in ("ge", "gt") or (t.comparator == "eq" and b == t.value)) and meets(b, comparator, t.value):
        return Reading("higher", t.value, "constant", f"基期值{b:g}已达到“{t.raw}”，每年不得低于", comparator,
                       t.value_max)
    return None


def evaluate(bl: Block) -> None:
    out, v, t, a, last = bl.out, bl.v, bl.target, bl.a, bl.last
    window = bl.window
    ok = bl.meets(window, t[:, None], bl.target_max[:, None])
    bad = (~ok & ~np.isnan(window)).sum(axis=1).astype(np.int32)
    out.violations[:] = bad
    out.expected[:] = t
    latest_ok = bl.meets(a, t, bl.target_max)
    every = bad == 0 if bl.settings.ceiling_every_year else latest_ok
    b = np.where(np.isnan(v[:, 0]), bl.baseline, v[:, 0])
    out.baseline[:] = b
    # without a baseline (粮食综合生产能力 ＞6.5: "—") the trend is the latest value held
    trend = np.where((last > 0) & ~np.isnan(b), (a - b) / np.maximum(last, 1), 0)
    out.projection[:] = a + trend * bl.rem
    bl.held_or_broken(latest_ok, every & latest_ok, bl.has)


def explain_rows(c: Cells) -> Pieces:
    """The year's value against the bound, then in how many years it was broken, if any."""
    return c.each(_sentence, broken=c.column("violations") != 0)


def _sentence(c: Cells, broken: bool) -> Sentence:
    word = phrase(c.spec.kind)  # the phrase tables name each bound: 上限, 下限
    kept = (phrase("bound_broken", first=c.first, year=c.year, bad=whole(c.column("violations")), word=word) if broken
            else phrase("bound_kept"))
    return Sentence((phrase("bound", year=c.year, a=c.a, note=c.note, word=word, e=c.e), kept))


explain = one_row(explain_rows)


def simulate_ceiling(s: Sample) -> npt.NDArray[np.float64]:
    """Mostly inside the ceiling, now and then across it."""
    inside: float = min(s.baseline, s.target)
    return inside + s.noise * abs(s.target - s.baseline + 0.5) * 0.6


def simulate_floor(s: Sample) -> npt.NDArray[np.float64]:
    return s.target + 0.3 + s.noise * 0.3


CEILING = KindRule(
    "ceiling", "上限", "上限型：每年不得超过（如城镇登记失业率＜4%）", 60,
    detect_ceiling, evaluate, explain, lambda s: "每年不得突破上限", target_family="期末水平",
    simulate=simulate_ceiling, explain_rows=explain_rows)
FLOOR = KindRule(
    "floor", "下限", "下限型：每年不得低于（如基本养老保险参保率≥98%）", 70,
    detect_floor, evaluate, explain, lambda s: "每年不得低于下限", target_family="期末水平",
    simulate=simulate_floor, explain_rows=explain_rows)
