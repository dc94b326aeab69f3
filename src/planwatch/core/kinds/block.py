"""What every kind's evaluation step is given: one block of rows (regions × indicators sharing a rule).

The evaluation (``planwatch.core.evaluation``) pivots observations into a cube and stacks the indicators
that share kind, direction, comparator, path and period; for each stack it builds one :class:`Block`
— the latest reported value per row, how many years remain, the targets per row — and hands it to the
kind's step, which fills ``block.out`` with numpy expressions over all rows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ..spec import IndicatorSpec
from ..statuses import STATUSES

CODES: tuple[str, ...] = tuple(STATUSES)  # status code ↔ the int8 stored in Arrays.status
NO_DATA, NO_TARGET, ACHIEVED_EARLY, AHEAD, ON_TRACK, BEHIND, REVERSING, MET, NOT_MET = (
    CODES.index(code) for code in ("no_data", "no_target", "achieved_early", "ahead", "on_track", "behind",
                                   "reversing", "met", "not_met"))


@dataclass(frozen=True)
class Settings:
    """Thresholds of the status rules (defaults and their reasons in docs/methodology.md)."""

    ahead: float = 1.05  # progress ratio ≥ this: 快于预期
    on_track: float = 0.95  # Open SDG / Statistics Canada cut-off for "on track"
    approx_tolerance: float = 0.05  # 左右: within 5 % of the target counts as reaching it
    relational_tolerance: float = 0.5  # percentage points: 基本同步
    ceiling_every_year: bool = True  # a ceiling or floor must hold in every year, not only the last


DEFAULT_SETTINGS = Settings()


@dataclass
class Arrays:
    """Per-indicator results for every region (arrays of length R)."""

    status: npt.NDArray[np.int8]
    expected: npt.NDArray[np.float64]
    actual: npt.NDArray[np.float64]
    actual_year: npt.NDArray[np.int32]
    actual_flag: npt.NDArray[np.int8]
    ratio: npt.NDArray[np.float64]
    required: npt.NDArray[np.float64]
    projection: npt.NDArray[np.float64]
    baseline: npt.NDArray[np.float64]
    missing_years: npt.NDArray[np.int32]
    violations: npt.NDArray[np.int32]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Block:
    """One block of rows: ``v`` is (rows × years base..end), part-year values already removed where the kind
    does not accept them; ``last`` the offset of the latest reported year (0: none) and ``a`` its value."""

    spec: IndicatorSpec  # kind, direction, comparator, path and period shared by every row
    settings: Settings
    v: npt.NDArray[np.float64]
    target: npt.NDArray[np.float64]
    target_max: npt.NDArray[np.float64]
    baseline: npt.NDArray[np.float64]
    reference: npt.NDArray[np.float64] | None  # the other indicator's values, for kinds that need one
    upto: int  # years since the base year that count as of the evaluation year
    final: bool  # 总结评估: as of the end year or later
    last: npt.NDArray[np.int64]
    has: npt.NDArray[np.bool_]
    a: npt.NDArray[np.float64]
    out: Arrays

    @property
    def n(self) -> int:
        return self.spec.years

    @property
    def rows(self) -> int:
        return int(self.v.shape[0])

    @property
    def idx(self) -> npt.NDArray[np.int64]:
        return np.arange(self.rows)

    @property
    def rem(self) -> npt.NDArray[np.int64]:
        """Years left after the latest reported one."""
        return self.n - self.last

    @property
    def sign(self) -> float:
        return 1.0 if self.spec.direction == "higher" else -1.0

    @property
    def window(self) -> npt.NDArray[np.float64]:
        """The values of the years that count (base+1 .. as of)."""
        return self.v[:, 1:self.upto + 1]

    def meets(self, a: Any, t: Any, t_max: Any) -> Any:
        """Does value ``a`` satisfy the end target ``t``? Direction-aware; 左右 gives slack on the unfavourable side."""
        higher = self.spec.direction == "higher"
        c = self.spec.comparator
        with np.errstate(invalid="ignore"):
            if c == "approx":
                slack = np.abs(t) * self.settings.approx_tolerance
                return a >= t - slack if higher else a <= t + slack
            if c == "range":
                return a >= t if higher else a <= np.where(np.isnan(t_max), t, t_max)
            if c == "ge":
                return a >= t
            if c == "gt":
                return a > t
            if c == "le":
                return a <= t
            if c == "lt":
                return a < t
            return a >= t if higher else a <= t

    def grade(self, ratio: Any, reversing: Any, met_now: Any) -> None:
        """The status of a progress ratio: 快于/基本符合/滞后, 逆向, 提前实现; at the end 已完成/未完成."""
        s = np.where(ratio >= self.settings.ahead, AHEAD, np.where(ratio >= self.settings.on_track, ON_TRACK, BEHIND))
        s = np.where(reversing, REVERSING, s)
        s = np.where(met_now & (self.last < self.n), ACHIEVED_EARLY, s)
        if self.final:
            s = np.where(met_now, MET, NOT_MET)
        self.out.status[:] = np.where(self.has, s, NO_DATA)

    def held_or_broken(self, latest_ok: Any, overall_ok: Any, available: Any) -> None:
        """The status of a requirement checked every year: 基本符合预期 while the latest year holds, 滞后 when it
        is broken; at the end 已完成 only if ``overall_ok``."""
        s = np.where(latest_ok, ON_TRACK, BEHIND)
        if self.final:
            s = np.where(overall_ok, MET, NOT_MET)
        self.out.status[:] = np.where(available, s, NO_DATA)
