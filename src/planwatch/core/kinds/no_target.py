"""无量化目标 no_target: ``—``, ``保持在合理区间``. No status; the latest value and a linear trend are shown."""

from __future__ import annotations

import numpy as np

from ..explain import no_target
from .block import NO_DATA, NO_TARGET, Block
from .rule import KindRule, Reading, Row


def detect(row: Row) -> Reading | None:
    t = row.indicator.target
    if t.is_numeric:
        return None
    return Reading(row.name_direction or "higher", None, "none",
                   "未设定量化目标" + (f"（{t.raw}）" if t.raw and t.raw != "—" else ""), t.comparator, t.value_max)


def evaluate(bl: Block) -> None:
    bl.out.status[:] = np.where(bl.has, NO_TARGET, NO_DATA)
    b, last = bl.v[:, 0], bl.last
    bl.out.projection[:] = np.where(last > 0, bl.a + (bl.a - b) / np.maximum(last, 1) * bl.rem, np.nan)


RULE = KindRule(
    "no_target", "无量化目标", "无量化目标：只观察趋势", 40,
    detect, evaluate, no_target, lambda s: "无量化目标")
