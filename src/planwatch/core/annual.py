"""Annual targets (年度目标): the figure the 人大 adopts for one year of a plan, judged against that year's value.

Each year the people's congress adopts the year's targets (``2026年地区生产总值增长5.5%左右``). An annual target is
written as a plan writes a target (``5.5左右``, ``≥6``, ``6以上``, ``＜5.5``) and parsed by :mod:`.targets`. It is
judged by the indicator's own rule, not by a second one:

- The year is a one-year plan: its base year is the year before, its end year the year itself, and the indicator's
  kind, direction and 左右 tolerance are kept. :func:`judge_year` runs the ordinary evaluation
  (:func:`.evaluation.evaluate_cube`) on it as of that year — a 总结评估 of one year — so the status is 已完成 /
  未完成 (or 无数据) by the same rules, tolerance included, as the five-year target at the plan's end.
- A kind that judges yearly rates over the period (``growth_rate`` 年均, ``cumulative`` 累计: a rule with a
  ``period_word``) keeps its rule: one year's average or total is that year's own rate. A plain figure for such a
  rate (``增长6``) means at least that rate, as the 年均增长 column is read.
- Any other kind is read again from the one-year row — the annual figure as the target, the value of the year
  before as the baseline — by the kind detection (:func:`.kinds.infer_spec`): ``72`` is a level, ``≤5.5`` a
  ceiling kept, ``5.5左右`` a level with its tolerance.
- An indicator named as a rate (…增长) whose five-year target has no period rule (``高于GDP增长``, ``保持在合理区间``)
  is read as a yearly growth rate: the year's own rate against the figure.
- A target in words or relative to another indicator (``与经济增长同步``) is shown as written and not judged.
- Quarterly and monthly values feed it as they feed the evaluation: a part-year rate stands for the year
  (flagged 部分年度), a part-year amount or level does not.

:func:`decomposed_target` writes the decomposition's value for a year (年度目标分解, :mod:`.decompose`) as an annual
target: the path value with the five-year target's comparator; for a five-year total, that year's share of it.

>>> from .kinds import IndicatorSpec
>>> gdp = IndicatorSpec(1, "地区生产总值增长", "%", "growth_rate", "higher", 6.5, None, "ge", None,
...                     2020, 2025, False, "constant", approx_tolerance=0.05)
>>> judge_year(gdp, 2024, parse_target("5.5左右"), None, 5.3).status  # 5.3 ≥ 5.5 × 0.95
'met'
>>> judge_year(gdp, 2024, parse_target("≥6"), None, 5.3).label
'未完成'
>>> decomposed_target(gdp, 6.5)
'≥6.5'
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .evaluation import Cube, Evaluation, Settings, evaluate_cube, evaluations
from .kinds import KINDS, IndicatorSpec, infer_spec
from .kinds.block import DEFAULT_SETTINGS
from .kinds.rule import RATE_NAME
from .model import Indicator
from .observations import FINAL
from .paths import path_values
from .targets import TargetExpr, format_number, parse_target

__all__ = ["annual_spec", "decomposed_target", "judge_year", "parse_target"]

_WRITTEN = ("ge", "gt", "le", "lt", "approx")  # comparators an annual target keeps in words; others: the figure


def annual_spec(spec: IndicatorSpec, year: int, target: TargetExpr,
                before: float | None = None) -> IndicatorSpec | None:
    """The one-year plan of ``spec`` for ``year`` with the annual ``target``; ``before`` is the value of the year
    before (the baseline of a level). None when the target has no figure (words, or relative to another
    indicator): it is shown, not judged."""
    if target.value is None or target.relative_to is not None:
        return None
    if KINDS[spec.kind].period_word:  # yearly rates: one year's average or total is the year's own rate
        comparator = target.comparator if target.comparator not in (None, "eq") else "ge"
        return dataclasses.replace(spec, base_year=year - 1, end_year=year, target=target.value,
                                   target_max=target.value_max, comparator=comparator, baseline=None,
                                   baseline_year=None, target_pending=False, relative_to=None)
    if RATE_NAME.search(spec.name):  # a rate without a period rule (与GDP增长同步, 保持在合理区间): a yearly rate
        before = None  # no baseline, so that the detection reads the figure as the year's growth rate
    row = Indicator(no=spec.no, category="", name=spec.name, unit=spec.unit, baseline_year=year - 1,
                    baseline_value=before, baseline_raw="" if before is None else format_number(before),
                    target_year=year, target=target, growth=TargetExpr(raw=""),
                    attribute="binding" if spec.binding else "expected")
    return infer_spec(row, year - 1, year, direction=spec.direction, tolerance=spec.approx_tolerance)


def judge_year(spec: IndicatorSpec, year: int, target: TargetExpr, before: float | None, value: float | None,
               flag: int = FINAL, region: str = "", settings: Settings = DEFAULT_SETTINGS) -> Evaluation | None:
    """``value`` (the year's counted value, ``flag`` its kind: 全年/预计数/部分年度) against the annual ``target``,
    by the indicator's own rule for one year (see the module's rules). None when the target is not judged."""
    one_year = annual_spec(spec, year, target, before)
    if one_year is None:
        return None
    values = np.array([[[np.nan if before is None else before, np.nan if value is None else value]]])
    flags = np.array([[[FINAL, flag]]], dtype=np.int8)
    cube = Cube(values, flags, year - 1, year, (region,), {spec.no: 0})
    return evaluations([one_year], cube, evaluate_cube([one_year], cube, year, settings), year)[0]


def decomposed_target(spec: IndicatorSpec, value: float | None) -> str | None:
    """The decomposition's value for a year as an annual target (``≥6.5``, ``62.3``, ``＜5.5``); None without one.
    A five-year total (累计数按年等比分解) gives the year's own share, the same every year."""
    if spec.path == "geometric_cumulative" and spec.target is not None:
        value = float(path_values("geometric_cumulative", 0.0, spec.target, 1, spec.years))
    if value is None or not np.isfinite(value):
        return None
    comparator = spec.comparator if spec.comparator in _WRITTEN else "eq"
    if spec.comparator == "range":
        comparator = "ge" if spec.direction == "higher" else "le"
    return TargetExpr(raw="", value=round(value, 2), comparator=comparator).canonical()
