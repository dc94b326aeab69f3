"""Annual decomposition (年度目标分解): the yearly target path of every indicator.

The path methods are in ``paths.py`` (see docs/methodology.md for the reasoning); which method an indicator
follows is read with its kind (``kinds``), and each kind writes its own 说明 for the 分解表.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .kinds import KINDS
from .paths import METHOD_LABELS, path_values, whole_if_counted
from .spec import IndicatorSpec

__all__ = ["METHOD_LABELS", "DecompositionRow", "decompose", "path_values"]


@dataclass(frozen=True)
class DecompositionRow:
    no: int
    name: str
    unit: str
    kind: str
    attribute: str
    method: str
    baseline: float | None
    values: dict[int, float | None]  # year → target for that year
    note: str


def decompose(specs: list[IndicatorSpec]) -> list[DecompositionRow]:
    rows = []
    for s in specs:
        values: dict[int, float | None] = {}
        for year in range(s.base_year + 1, s.end_year + 1):
            k = year - s.base_year
            if s.target is None or s.path == "none" or (s.baseline is None and s.path in ("compound", "linear")):
                values[year] = None
            else:
                v = whole_if_counted(s, path_values(s.path, s.baseline if s.baseline is not None else np.nan,
                                                    KINDS[s.kind].end_of(s.baseline, s.target), k, s.years,
                                                    s.baseline_offset))
                values[year] = None if not np.isfinite(v) else round(float(v), 4)  # an overflowing path is no target
        rule = KINDS[s.kind]
        note = rule.path_note(s)
        if rule.needs_baseline and s.baseline is None:
            note = "缺少基期值，无法分解（评估以首个实际值为起点，并在说明中注明）"
        rows.append(DecompositionRow(s.no, s.name, s.unit, s.kind, "约束性" if s.binding else "预期性",
                                     METHOD_LABELS[s.path], s.baseline, values, note))
    return rows
