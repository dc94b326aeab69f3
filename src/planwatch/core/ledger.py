"""Ledger lights (红黄绿) and the department assessment score (考核得分): rules without a framework.

Light of a task, project or quantified commitment as of a day:
- green 绿: done (100 %), or progress at least the share of its time that has passed;
- yellow 黄: behind that share by less than ``yellow_gap`` percentage points (default 20);
- red 红: behind by more, or its deadline has passed unfinished.
Time runs from the plan's start (1 January of the first plan year) to the item's deadline, or to the
end of the plan period when no deadline is set.

Milestones (里程碑), given as ``(planned, done)`` date pairs, ``done`` None while open: an overdue
milestone — planned before today and not done — makes the item at least yellow, whatever its progress
(even at 100 %: the lead unit has to mark the milestone done or explain). It never makes an item red by
itself: a milestone is a checkpoint on the way, the deadline is the commitment, and an item far behind its
time is red under the rule above anyway. A milestone planned for today is not overdue yet; one finished late
no longer counts.

>>> import datetime as dt
>>> light(60, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1))
'green'
>>> light(45, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1))  # 49.9 % of the time passed
'yellow'
>>> light(25, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1))
'red'
>>> light(90, dt.date(2024, 12, 31), dt.date(2025, 3, 1), dt.date(2021, 1, 1))
'red'
>>> late = [(dt.date(2023, 6, 30), None)]
>>> light(60, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1), milestones=late)
'yellow'
>>> light(60, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1),
...       milestones=[(dt.date(2023, 6, 30), dt.date(2023, 7, 1)), (dt.date(2023, 7, 1), None)])
'green'
>>> light(25, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1), milestones=late)
'red'
>>> light(100, dt.date(2025, 12, 31), dt.date(2023, 7, 1), dt.date(2021, 1, 1), milestones=late)
'yellow'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .statuses import STATUSES

LIGHT_LABELS = {"green": "绿", "yellow": "黄", "red": "红"}


def expected_progress(deadline: dt.date, today: dt.date, start: dt.date) -> float:
    """The share of the item's time that has passed, in percent (0–100)."""
    total = (deadline - start).days
    if total <= 0:
        return 100.0
    return max(0.0, min(100.0, (today - start).days / total * 100))


def overdue_milestones(milestones: Iterable[tuple[dt.date, dt.date | None]], today: dt.date) -> int:
    """How many milestones were planned before ``today`` and are not done.

    >>> import datetime as dt
    >>> overdue_milestones([(dt.date(2024, 1, 1), None), (dt.date(2024, 2, 1), dt.date(2024, 3, 1)),
    ...                     (dt.date(2024, 5, 1), None)], dt.date(2024, 5, 1))
    1
    """
    return sum(1 for planned, done in milestones if done is None and planned < today)


def light(progress: float, deadline: dt.date, today: dt.date, start: dt.date, yellow_gap: float = 20.0,
          milestones: Iterable[tuple[dt.date, dt.date | None]] = ()) -> str:
    """The item's light as of ``today``; see the module docstring for the rule."""
    late = overdue_milestones(milestones, today) > 0
    if progress >= 100:
        return "yellow" if late else "green"
    if today > deadline:
        return "red"
    gap = expected_progress(deadline, today, start) - progress
    time_light = "green" if gap <= 0 else "yellow" if gap < yellow_gap else "red"
    return "yellow" if late and time_light == "green" else time_light


# 考核: points per indicator status, per ledger light; deduction per overdue unanswered 督办单
INDICATOR_POINTS = {code: status.points for code, status in STATUSES.items() if status.points is not None}
LIGHT_POINTS = {"green": 1.0, "yellow": 0.6, "red": 0.0}
WEIGHTS = {"indicators": 0.6, "ledger": 0.4}
OVERDUE_NOTICE_DEDUCTION = 2.0


@dataclass(frozen=True)
class Score:
    total: float
    indicator_part: float | None
    ledger_part: float | None
    deduction: float
    explanation: str


def assessment_score(indicator_statuses: Iterable[str], lights: Iterable[str], overdue_notices: int) -> Score:
    """考核得分 (0–100): 60 % indicators (by status), 40 % ledger items — tasks, projects and quantified
    commitments — (by light), minus 2 points for each 督办单 past its reply date without a reply. Indicators
    without a numeric target do not count; an indicator with no data counts 0 — not reporting is not neutral.
    A part with no items is left out and the other part carries the whole weight."""
    ind = [INDICATOR_POINTS[s] for s in indicator_statuses if s in INDICATOR_POINTS]
    led = [LIGHT_POINTS[x] for x in lights]
    parts = {"indicators": sum(ind) / len(ind) * 100 if ind else None,
             "ledger": sum(led) / len(led) * 100 if led else None}
    weight = sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
    base = sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None) / weight if weight else 0.0
    deduction = OVERDUE_NOTICE_DEDUCTION * overdue_notices
    total = max(0.0, round(base - deduction, 1))
    text = (f"指标得分{parts['indicators']:.1f}（{len(ind)}项）" if ind else "无考核指标") + "，" + \
           (f"任务、项目和承诺得分{parts['ledger']:.1f}（{len(led)}项）" if led else "无任务、项目和承诺") + \
           (f"，逾期未答复督办单{overdue_notices}件扣{deduction:g}分" if overdue_notices else "")
    return Score(total, parts["indicators"], parts["ledger"], deduction, text)
