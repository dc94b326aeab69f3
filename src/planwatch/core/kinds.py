"""The registry of indicator kinds: what a target means and how progress towards it is judged.

Every kind is keyed by a ``kind`` string; evaluation dispatches on it and nothing else. A kind is
inferred from the table row (see :func:`infer_spec`) and can be overridden per indicator.

=================  =========================================  ===================================
kind               written in the plan                         judged by
=================  =========================================  ===================================
``growth_rate``    ``6.5`` in 年均增长 for 地区生产总值增长          compound average of the annual rates
``level``          ``25.92以上`` ``50左右`` ``30`` from a baseline  progress along the yearly target path
``ceiling``        ``＜4`` ``…以内`` already met at the baseline  met or not, every year
``floor``          ``≥98`` ``33`` already met at the baseline     met or not, every year
``cumulative``     ``[13.5]`` five-year total (降低 rates)        1 − Π(1 − r) against 1 − (1 − X)^(t/5)
``range``          ``5—10``                                     progress to the lower bound; inside
``relational``     ``高于GDP增长`` ``与经济增长基本同步``            the other indicator's value, each year
``no_target``      ``—`` ``保持在合理区间``                        trend only
=================  =========================================  ===================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .model import Indicator
from .targets import Comparator

Kind = Literal["growth_rate", "level", "ceiling", "floor", "cumulative", "range", "relational", "no_target"]
KINDS: dict[str, str] = {
    "growth_rate": "年均增速型：目标为规划期年均增长率，按各年增速的复合平均判断",
    "level": "水平型：目标为规划末年的水平值，按基期到目标的年度目标路径判断进度",
    "ceiling": "上限型：每年不得超过（如城镇登记失业率＜4%）",
    "floor": "下限型：每年不得低于（如基本养老保险参保率≥98%）",
    "cumulative": "五年累计型：目标为五年累计数（[ ]），按逐年累计完成情况判断",
    "range": "区间型：目标为区间（如5—10家）",
    "relational": "关系型：与另一指标比较（如高于GDP增长、与经济增长基本同步）",
    "no_target": "无量化目标：只观察趋势",
}
Direction = Literal["higher", "lower"]
PathMethod = Literal["compound", "linear", "geometric_cumulative", "constant", "none"]

# The value itself is a reduction or a rate of improvement: a bigger number is better (能耗降低 13.5 %).
_REDUCTION_NAME = re.compile(r"(降低|下降|减少|削减)(率|幅度)?$")
_LOWER_IS_BETTER = re.compile(r"失业率|死亡率|发生率|能耗|排放量|浓度|事故|贫困|负债率|空置率|PM2\.5")
_RATE_NAME = re.compile(r"(增长|增长率|增速|增幅)$")
_SHARE_UNITS = {"%", "‰", "个百分点"}


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


def _direction_from_name(name: str) -> Direction | None:
    if _REDUCTION_NAME.search(name):
        return "higher"
    if _LOWER_IS_BETTER.search(name):
        return "lower"
    return None


def _meets(value: float, comparator: Comparator | None, target: float) -> bool:
    return {"ge": value >= target, "gt": value > target, "le": value <= target, "lt": value < target,
            "eq": value == target}.get(comparator or "eq", False)


def infer_spec(ind: Indicator, base_year: int, end_year: int,
               kind: Kind | None = None, direction: Direction | None = None) -> IndicatorSpec:
    """Infer kind, direction and path from a 表1-1 row; ``kind``/``direction`` override the inference."""
    t, g, b = ind.target, ind.growth, ind.baseline_value
    binding = ind.attribute == "binding"
    name_direction = _direction_from_name(ind.name)
    common = {"no": ind.no, "name": ind.name, "unit": ind.unit, "base_year": ind.baseline_year or base_year,
              "end_year": ind.target_year or end_year, "binding": binding, "baseline": b}

    def spec(k: Kind, d: Direction, target: float | None, path: PathMethod, reason: str,
             comparator: Comparator | None = t.comparator, target_max: float | None = t.value_max,
             relative_to: str | None = None) -> IndicatorSpec:
        return IndicatorSpec(kind=kind or k, direction=direction or d, target=target, target_max=target_max,
                             comparator=comparator, path=path, relative_to=relative_to, reason=reason,
                             **common)  # type: ignore[arg-type]

    if t.relative_to:
        return spec("relational", "higher" if t.comparator != "lt" else "lower", None, "none",
                    f"目标写作“{t.raw}”，与“{t.relative_to}”比较", relative_to=t.relative_to)
    if t.cumulative and t.value is not None:
        return spec("cumulative", name_direction or "higher", t.value, "geometric_cumulative",
                    f"目标“{t.raw}”为五年累计数")
    if not t.is_numeric and g.value is not None and not g.cumulative:
        return spec("growth_rate", "higher", g.value, "constant", f"年均增长栏为{g.raw}，按年均增速判断",
                    comparator=g.comparator if g.comparator not in (None, "eq") else "ge")
    if t.is_numeric and _RATE_NAME.search(ind.name) and ind.unit == "%" and (g.value is None) and b is None:
        return spec("growth_rate", "higher", t.value, "constant", f"指标本身为增长率，目标{t.raw}为年均增速")
    if not t.is_numeric:
        return spec("no_target", name_direction or "higher", None, "none",
                    "未设定量化目标" + (f"（{t.raw}）" if t.raw and t.raw != "—" else ""))
    assert t.value is not None
    if t.comparator == "range":
        return spec("range", "higher", t.value, "linear" if ind.unit in _SHARE_UNITS else "compound",
                    f"目标为区间{t.raw}")
    if b is not None and t.comparator in ("lt", "le") and _meets(b, t.comparator, t.value):
        return spec("ceiling", "lower", t.value, "constant", f"基期值{b:g}已在上限“{t.raw}”之内，每年不得突破")
    if b is not None and (t.comparator in ("ge", "gt") or (t.comparator == "eq" and b == t.value)) and \
            _meets(b, t.comparator if t.comparator != "eq" else "ge", t.value):
        return spec("floor", "higher", t.value, "constant", f"基期值{b:g}已达到“{t.raw}”，每年不得低于",
                    comparator=t.comparator if t.comparator != "eq" else "ge")
    if t.comparator in ("lt", "le"):
        d: Direction = "lower"
    elif b is not None and t.value != b:
        d = "higher" if t.value > b else "lower"
    else:
        d = name_direction or "higher"
    path: PathMethod = "linear" if ind.unit in _SHARE_UNITS or (b is not None and b <= 0) else "compound"
    return spec("level", direction or d, t.value, path,
                f"目标“{t.raw}”为{ind.target_year or end_year}年水平值，"
                + ("越高越好" if (direction or d) == "higher" else "越低越好"))


def plan_specs(indicators: Sequence[Indicator], base_year: int, end_year: int,
               kinds: Mapping[int, Kind] | None = None,
               directions: Mapping[int, Direction] | None = None) -> list[IndicatorSpec]:
    """Specs for a plan's indicators, with per-indicator overrides of kind and direction."""
    kinds, directions = kinds or {}, directions or {}
    return [infer_spec(i, base_year, end_year, kinds.get(i.no), directions.get(i.no)) for i in indicators]
