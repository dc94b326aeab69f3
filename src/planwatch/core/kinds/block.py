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

from ..paths import path_values, whole_if_counted
from ..spec import IndicatorSpec, PathMethod
from ..statuses import STATUSES

CODES: tuple[str, ...] = tuple(STATUSES)  # status code ↔ the int8 stored in Arrays.status
(NO_DATA, NO_TARGET, TARGET_PENDING, ACHIEVED_EARLY, AHEAD, ON_TRACK, BEHIND, REVERSING, MET, NOT_MET,
 PROJECTED_MET, PROJECTED_NOT_MET) = (
    CODES.index(code) for code in ("no_data", "no_target", "target_pending", "achieved_early", "ahead", "on_track",
                                   "behind", "reversing", "met", "not_met", "projected_met", "projected_not_met"))


@dataclass(frozen=True)
class Settings:
    """Thresholds of the status rules (defaults and their reasons in docs/methodology.md)."""

    ahead: float = 1.05  # progress ratio ≥ this: 快于预期
    on_track: float = 0.95  # Open SDG / Statistics Canada cut-off for "on track"
    approx_tolerance: float = 0.05  # 左右: within 5 % of the target counts as reaching it (IndicatorSpec may set its own)
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
    def stale(self) -> npt.NDArray[np.bool_]:
        """总结评估 rows whose latest value is older than the end year: judged by their projection."""
        return self.has & (self.last < self.n) if self.final else np.zeros(self.rows, dtype=bool)

    @property
    def tolerance(self) -> float:
        """The slack of a 左右 target: the indicator's own, else the setting."""
        own = self.spec.approx_tolerance
        return self.settings.approx_tolerance if own is None else own

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
                slack = np.abs(t) * self.tolerance
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

    def path(self, method: PathMethod, start: Any, target: Any, k: Any, k0: Any = 0) -> Any:
        """The yearly target path as the decomposition (分解表, charts) writes it: whole for a count (家, 个)."""
        return whole_if_counted(self.spec, path_values(method, start, target, k, self.n, k0))

    def meets_strictly(self, a: Any, t: Any, t_max: Any) -> Any:
        """As :meth:`meets`, without the slack of 左右: where the two differ, the tolerance decided."""
        if self.spec.comparator != "approx":
            return self.meets(a, t, t_max)
        with np.errstate(invalid="ignore"):
            return a >= t if self.spec.direction == "higher" else a <= t

    def note_tolerance(self, a: Any, target: Any = None) -> None:
        """Record for the sentence whether the end target is met without the 左右 slack, and the slack."""
        t = self.target if target is None else target
        self.out.extra["strictly_met"] = self.meets_strictly(a, t, self.target_max)
        self.out.extra["tolerance"] = np.full(self.rows, self.tolerance)

    def grade(self, ratio: Any, reversing: Any, met_now: Any, projected_ok: Any = None) -> None:
        """The status of a progress ratio: 快于/基本符合/滞后, 逆向, 提前实现; at the end 已完成/未完成, or
        预计完成/预计难以完成 by ``projected_ok`` where the latest value is older than the end year."""
        s = np.where(ratio >= self.settings.ahead, AHEAD, np.where(ratio >= self.settings.on_track, ON_TRACK, BEHIND))
        s = np.where(reversing, REVERSING, s)
        s = np.where(met_now & (self.last < self.n), ACHIEVED_EARLY, s)
        if self.final:
            s = self._final(met_now, met_now if projected_ok is None else projected_ok)
        self.out.status[:] = np.where(self.has, s, NO_DATA)

    def _final(self, met: Any, projected_ok: Any) -> Any:
        """已完成/未完成 on end-year data; 预计完成/预计难以完成 on older data."""
        return np.where(self.stale, np.where(projected_ok, PROJECTED_MET, PROJECTED_NOT_MET),
                        np.where(met, MET, NOT_MET))

    def projected_meets(self, fallback: Any, target: Any = None) -> Any:
        """Does the projection to the end year meet the target? ``fallback`` where there is no projection."""
        p = self.out.projection
        t = self.target if target is None else target
        return np.where(np.isnan(p), fallback, self.meets(p, t, self.target_max))

    def held_or_broken(self, latest_ok: Any, overall_ok: Any, available: Any) -> None:
        """The status of a requirement checked every year: 基本符合预期 while the latest year holds, 滞后 when it
        is broken; at the end 已完成 only if ``overall_ok``."""
        s = np.where(latest_ok, ON_TRACK, BEHIND)
        if self.final:  # on older data: held so far, and the projection holds too
            s = self._final(overall_ok, overall_ok & self.projected_meets(True))
        self.out.status[:] = np.where(available, s, NO_DATA)
