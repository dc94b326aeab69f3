"""无量化目标 no_target: ``—``, ``保持在合理区间``. No status; the latest value and a linear trend are shown.

无量化目标 holds whether or not values are reported (not 无数据): a value without a target cannot be judged. Where
the row's note says the target will be handed down (``—⑤`` with ⑤最终以市目标下达为准) it is shown as 目标待下达.
"""

from __future__ import annotations

import numpy as np

from ..explain import no_target
from .block import NO_TARGET, TARGET_PENDING, Block
from .rule import KindRule, Reading, Row, threshold


def detect(row: Row) -> Reading | None:
    t, g = row.indicator.target, row.indicator.growth
    if t.is_numeric or threshold(row).is_numeric:  # a bound in the 年均/累计 column (＜5.5) is a target
        return None
    words = t.raw if t.raw and t.raw != "—" else g.raw if g.qualitative else ""
    return Reading(row.name_direction or "higher", None, "none", "未设定量化目标" + (f"（{words}）" if words else ""),
                   t.comparator, t.value_max)


def evaluate(bl: Block) -> None:
    """无量化目标 whether or not a value is reported: there is nothing to judge it by until a target is recorded."""
    bl.out.status[:] = TARGET_PENDING if bl.spec.target_pending else NO_TARGET
    b, last = bl.v[:, 0], bl.last
    bl.out.projection[:] = np.where(last > 0, bl.a + (bl.a - b) / np.maximum(last, 1) * bl.rem, np.nan)


RULE = KindRule(
    "no_target", "无量化目标", "无量化目标：只观察趋势", 40,
    detect, evaluate, no_target, lambda s: "无量化目标")
