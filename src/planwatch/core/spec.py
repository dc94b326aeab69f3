"""How one indicator is judged: the spec every rule reads (kind, direction, target, path, period).

The spec is data only; what a kind *means* lives in its rule (``planwatch.core.kinds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .targets import Comparator

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

    @property
    def years(self) -> int:
        return self.end_year - self.base_year
