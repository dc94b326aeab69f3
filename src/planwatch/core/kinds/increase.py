"""累计提高型 increase: a five-year change written in the 年均/累计 column in the indicator's own unit.

``〔1〕`` for 人均预期寿命（岁） is one year more than the baseline, ``〔6〕`` for 入托率提高（百分点） six percentage
points: not a percent and not compounded (a five-year total of 降低 rates in % is ``cumulative``). It is judged as a
level whose end target is the baseline plus the increase, along a linear path from the baseline at its own year
(``77.3*`` is 2019's: 78.3 by 2025).
"""

from __future__ import annotations

from typing import Any

from ..spec import IndicatorSpec
from .cumulative import five_year_total, is_rate_total
from .level import explain, explain_rows, progress_along_path
from .rule import KindRule, Reading, Row


def detect(row: Row) -> Reading | None:
    t = five_year_total(row)
    if t is None or is_rate_total(row):
        return None
    unit = row.indicator.unit
    d = row.direction or row.name_direction or "higher"
    return Reading(d, t.value, "linear", f"“{t.raw}”为规划期内累计提高{t.value:g}{unit}（按本指标单位，非百分比）",
                   "ge" if d == "higher" else "le", None)


def end_of(start: Any, target: Any) -> Any:
    return start + target


def path_note(s: IndicatorSpec) -> str:
    return f"较基期累计提高{s.target:g}{s.unit}，按年等差分解" if s.target is not None else ""


RULE: KindRule = KindRule(
    "increase", "累计提高", "累计提高型：规划期内累计提高若干（按本指标单位，如〔1〕岁、〔6〕个百分点）", 25,
    detect, lambda bl: progress_along_path(bl, RULE), explain, path_note, target_family="累计提高",
    needs_baseline=True, end_of=end_of, explain_rows=explain_rows)
