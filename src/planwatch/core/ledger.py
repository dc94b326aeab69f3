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
import math
import re
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


# 量化承诺 ↔ 主要指标: a commitment that restates an indicator's target takes its light from the indicator
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NAME_TAILS = ("增长率", "增长", "降低", "下降", "比重", "率")


@dataclass(frozen=True)
class IndicatorRef:
    """What matching needs of an indicator: its id, name, unit and the printed target and growth columns."""

    id: int
    name: str
    unit: str
    target_raw: str
    growth_raw: str = ""

    def targets(self) -> set[tuple[float, str]]:
        """The first number of the target column in the indicator's unit (``25.92以上`` → 25.92) and of the
        growth column (年均增长) in percent."""
        found = ((_NUMBER.search(raw), unit) for raw, unit in ((self.target_raw, self.unit), (self.growth_raw, "%")))
        return {(float(m.group()), unit) for m, unit in found if m is not None}


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _core_name(name: str) -> str:
    for tail in _NAME_TAILS:
        if name.endswith(tail) and len(name) > len(tail) + 1:
            return name[: -len(tail)]
    return name


def match_indicator(quantity: str, value: float, unit: str, indicators: Iterable[IndicatorRef],
                    min_overlap: float = 0.5) -> int | None:
    """The id of the indicator whose target ``quantity`` restates, or None.

    An indicator matches when its target (in its unit) or its annual growth (in %) is the commitment's value
    and unit, and at least ``min_overlap`` of the two-character pieces of its name (without 增长/降低/比重…)
    occur in the commitment's words. The best overlap wins; a tie between two indicators is no match (the
    admin links it by hand).

    >>> refs = [IndicatorRef(1, "地区生产总值增长", "%", "—", "6.5"),
    ...         IndicatorRef(3, "一般公共预算收入增长", "%", "—", "6.5"),
    ...         IndicatorRef(12, "常住居民人均可支配收入增长率", "%", "6.5左右", "")]
    >>> match_indicator("地区生产总值年均增长6.5%以上", 6.5, "%", refs)
    1
    >>> match_indicator("常住居民人均可支配收入年均增长6.5%左右", 6.5, "%", refs)
    12
    >>> match_indicator("地区生产总值年均增长7%以上", 7.0, "%", refs) is None  # not the indicator's target
    True
    >>> match_indicator("旅游总人次达到2500万人", 2500.0, "万人", refs) is None
    True
    >>> match_indicator("实际利用外资金额年均增长10%以上", 10.0, "%", [IndicatorRef(11, "实际利用外资金额", "亿美元",
    ...                 "4.85左右", "10")])
    11
    """
    best: list[tuple[float, int]] = []
    for ref in indicators:
        if not any(u == unit and math.isclose(n, value) for n, u in ref.targets()):
            continue
        pieces = _bigrams(_core_name(ref.name))
        overlap = len(pieces & _bigrams(quantity)) / len(pieces) if pieces else 0.0
        if overlap >= min_overlap:
            best.append((overlap, ref.id))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[0][0] == best[1][0]):
        return None
    return best[0][1]


def light_of_status(code: str) -> str | None:
    """The ledger light of an indicator status, by its 考核 points: full points green, part yellow, none red
    (无数据 is red: not reporting is not neutral); None where the status scores nothing (无量化目标), so the
    item keeps the light of its own progress.

    >>> light_of_status("met"), light_of_status("behind"), light_of_status("no_data"), light_of_status("no_target")
    ('green', 'yellow', 'red', None)
    """
    points = INDICATOR_POINTS.get(code)
    if points is None:
        return None
    return "green" if points >= 1 else "yellow" if points > 0 else "red"
