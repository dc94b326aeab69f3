"""How one indicator is judged: the spec every rule reads (kind, direction, target, path, period).

The spec is data only; what a kind *means* lives in its rule (``planwatch.core.kinds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .targets import Comparator

COUNT_UNITS = frozenset({"家", "个", "项", "所", "座", "处", "件", "台", "户", "人", "名", "次"})
Kind = str  # a code of the kind registry (planwatch.core.kinds.KINDS): growth_rate, level, ceiling…
Direction = Literal["higher", "lower"]
PathMethod = Literal["compound", "linear", "geometric_cumulative", "constant", "none"]


@dataclass(frozen=True)
class IndicatorSpec:
    """How one indicator is judged: its kind, direction, target and the yearly path method."""

    no: int
    name: str
    unit: str
    kind: Kind
    direction: Direction
    target: float | None  # end-year level, average growth rate, or cumulative total, by kind
    target_max: float | None
    comparator: Comparator | None
    baseline: float | None
    base_year: int
    end_year: int
    binding: bool
    path: PathMethod
    relative_to: str | None = None
    reason: str = ""  # why this kind and direction were inferred, shown in explanations
    approx_tolerance: float | None = None  # 左右: this indicator's slack (a share of the target); None: Settings'
    baseline_year: int | None = None  # the baseline's own year when not the plan's base year (60.6* = 2019)
    target_pending: bool = False  # no numeric target yet, and the plan says one will be handed down (目标待下达)
    revised_from: int | None = None  # the target is a revision's, in force from this year (core/revisions.py)
    revised_by: str = ""  # the document that revised it
    revised_target: str = ""  # the revised target as written (＞60, 3000左右)

    @property
    def years(self) -> int:
        return self.end_year - self.base_year

    @property
    def baseline_offset(self) -> int:
        """Years from the plan's base year back to the baseline's own (-1 for a 2019 baseline in a 2020 plan)."""
        return (self.baseline_year or self.base_year) - self.base_year

    @property
    def counts(self) -> bool:
        return counts_whole(self.name, self.unit)


def counts_whole(name: str, unit: str) -> bool:
    """The unit counts whole things (家, 个, 项) and the indicator is not a rate per head (每千人口…个): its
    figures are whole numbers wherever they are shown."""
    return unit in COUNT_UNITS and not name.startswith(("每", "人均"))
