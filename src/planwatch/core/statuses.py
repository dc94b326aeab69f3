"""The status vocabulary: every status an evaluation can give, and everything said about it, in one place.

Pages, reports, exports, the API and the 考核 score read these entries; templates and CSS key on ``code``
(``s-ahead``), never on a Chinese label. ``order`` is the order of counts, tables and charts; ``lags``
marks the statuses listed first and counted against a department; ``points`` is the 考核 score of an
indicator with that status (docs/assessment.md), ``None`` where the indicator does not count (no target).
``projected_met`` / ``projected_not_met`` are the 总结评估 statuses when the latest value is older than the end
year (数据截至2021年): the projection to the end year is judged, and the sentence says so.

>>> STATUSES["behind"].zh, STATUSES["behind"].en, STATUSES["behind"].points
('滞后', 'Behind', 0.5)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str
    zh: str
    en: str
    colour: str  # background of the status tag and report cell, RGB hex without '#'
    order: int
    lags: bool
    points: float | None

    @property
    def css_class(self) -> str:
        return f"s-{self.code}"


_ALL = (
    Status("achieved_early", "提前实现", "Achieved early", "C8E6C9", 0, False, 1.0),
    Status("ahead", "快于预期", "Ahead of schedule", "DCEDC8", 1, False, 1.0),
    Status("on_track", "基本符合预期", "On track", "E3F2FD", 2, False, 1.0),
    Status("behind", "滞后", "Behind", "FFE0B2", 3, True, 0.5),
    Status("reversing", "逆向", "Reversing", "FFCDD2", 4, True, 0.0),
    Status("met", "已完成", "Met", "C8E6C9", 5, False, 1.0),
    Status("not_met", "未完成", "Not met", "FFE0B2", 6, True, 0.0),
    # 总结评估 whose latest value is older than the end year: judged by the projection to the end year
    Status("projected_met", "预计完成", "Projected to be met", "E6EE9C", 7, False, 1.0),
    Status("projected_not_met", "预计难以完成", "Projected not to be met", "FFE0B2", 8, True, 0.0),
    Status("no_data", "无数据", "No data", "EEEEEE", 9, False, 0.0),  # not reporting is not neutral
    Status("no_target", "无量化目标", "No numeric target", "EEEEEE", 10, False, None),
    # 无量化目标 whose note says the target is still to be handed down (最终以市目标下达为准)
    Status("target_pending", "目标待下达", "Target to be set", "EEEEEE", 11, False, None),
)
STATUSES: dict[str, Status] = {s.code: s for s in sorted(_ALL, key=lambda s: s.order)}
LAGGING = frozenset(code for code, s in STATUSES.items() if s.lags)
BY_LABEL: dict[str, Status] = {s.zh: s for s in STATUSES.values()}  # for text that carries the Chinese label


def label(code: str, language: str = "zh") -> str:
    """The status's label in ``language`` (``zh`` or ``en``)."""
    status = STATUSES[code]
    return status.en if language.startswith("en") else status.zh
