"""指标体系草案: a draft indicator system for a district drafting its next plan (the 15th) before adopting it.

Inputs: the upper plan (the national 15th table), the district's own last plan (its 14th) and, optionally, its
observations. Rows, in this order:

1. every indicator of the upper plan that applies to a district, in the upper plan's order; one that is not
   (:data:`NATIONAL_ONLY`: national totals of supply capacity, allocated to provinces) is listed apart with its
   reason. Its name is said the district's way (:data:`LOCAL_WORDS`: 国内生产总值 → 地区生产总值, no 地级及以上城市
   scope). An own 14th indicator that :mod:`planwatch.core.lineage` pairs with it by name, normalised name or a firm
   synonym shares its row (the district's own name, data and last target); one paired only by a qualifier, a
   renamed 口径 or similarity stays a row of its own, and both rows say which other row to compare;
2. every own 14th indicator not in a row yet, in its table's order.

Columns (every one stated per row in 方法说明):

- **2025年基数**: the district's full-year (or 预计) value of the base year from the data, with its source; part-year
  values never stand for the year; without one: 缺数据 (and the latest value there is, if any).
- **2026–2030 趋势外推**: from the 14th table's baseline (2020) and the observed years up to 2025: a rate
  (年均增速 kinds) continues at the compound average of the observed yearly rates (as the evaluation averages
  them), five-year reductions at the average yearly reduction, every other indicator along the path its unit
  implies (:func:`planwatch.core.kinds.rule.path_for_unit`: shares linear, amounts at a constant growth rate),
  drawn through the first and the last value and continued (:func:`planwatch.core.paths.path_values`). At least
  two values are needed; a trend over 30 % a year is flagged.
- **上级目标隐含的最低目标**: what the upper target requires of a lower plan under the 规划衔接 rule
  (:mod:`planwatch.core.linkage`): the same kind of target, at least as strong in the indicator's direction, in
  the row's unit (converted; never compared across units); totals that sum over regions imply nothing.
- **建议目标**: the strongest, in the indicator's direction, of that requirement, the trend's 2030 value (unless
  flagged too steep) and — for a level where higher is better — the latest actual value (from the data, or the
  14th table's baseline: a level is not planned to fall back); a requirement in words only (a relation, an
  increase on a base not known yet) is suggested as it stands; with none of these, 待定 (with the 14th target
  quoted for reference). Upper and own targets of different kinds (期末水平 against 年均增速) are not merged
  into one figure: 待定, unify the 口径 first.
- **建议属性**: 约束性 when the upper or the own 14th indicator is 约束性 (a binding upper target kept only as
  预期性 below is weaker), else 预期性.

Everything the draft says is a suggestion for the drafting team: each row carries 草案.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import PlanwatchError, UnitMismatchError
from .extract import extract_plan
from .kinds import KINDS, infer_spec
from .kinds.rule import path_for_unit
from .lineage import Measure, Pair, pair_measures, plan_measures, table_region
from .model import ATTRIBUTES, Indicator, Plan
from .observations import ObservationTable, read_observations
from .paths import path_values, whole_if_counted
from .readers import DEFAULT_MAX_BYTES
from .rollup import default_aggregation
from .series import EXPECTED, FLAG_LABELS, PARTIAL
from .spec import IndicatorSpec
from .target_words import indicator_in_words, target_in_words
from .targets import TargetExpr, format_number, parse_target
from .units import convert

DRAFT = "草案"
FIRM_RULES = frozenset({"same_name", "normalised", "synonym"})
STEEP = 30.0  # % a year: a trend this steep is flagged
# upper indicators that do not apply to a district: pattern → reason
NATIONAL_ONLY: tuple[tuple[str, str], ...] = (
    ("粮食综合生产能力", "全国粮食安全保障总量，由国家分解到省（粮食安全党政同责），区级规划一般不列"),
    ("能源综合生产能力", "全国能源供给能力总量（煤炭、石油、天然气、非化石能源生产能力之和），由国家按能源基地布局，区级不单列"),
)
# how a district says a national name
LOCAL_WORDS: tuple[tuple[str, str], ...] = (
    ("国内生产总值（GDP）", "地区生产总值"), ("国内生产总值", "地区生产总值"), ("GDP", "地区生产总值"),
    ("地级及以上城市", ""),
)
_ATTRIBUTE = {"expected": "预期性", "binding": "约束性"}


@dataclass(frozen=True)
class DraftRow:
    """One row of the draft, every text in Chinese; numbers in ``unit``."""

    no: int
    category: str
    name: str
    unit: str
    attribute: str  # 属性 as the plans have it: 上级约束性；十四五预期性
    upper: str  # the upper indicator, with its number and targets ("" when none)
    own: str  # the own 14th indicator, with its number and target ("" when none)
    baseline: float | None  # 2025 (the upper plan's base year)
    baseline_text: str  # the value with its flag, or 缺数据…
    trend: dict[int, float | None]  # 2026…2030
    trend_text: str  # how, in one sentence
    minimum: str  # 上级目标隐含的最低目标, in words
    minimum_value: float | None
    suggested: str  # 草案：…
    suggested_value: float | None
    suggested_attribute: str
    method: str  # 方法说明
    source: str  # 来源
    status: str = DRAFT
    target_family: str | None = None  # the suggested target's kind of figure (KINDS' target_family): 年均增速…
    direction: str = ""  # higher / lower: the direction the row is judged in


@dataclass(frozen=True)
class NotApplicable:
    no: str
    name: str
    unit: str
    reason: str


@dataclass(frozen=True)
class Draft:
    title: str
    region: str
    base_year: int
    end_year: int
    upper_title: str
    own_title: str
    data_source: str
    rows: tuple[DraftRow, ...]
    not_applicable: tuple[NotApplicable, ...]
    notes: tuple[str, ...]

    @property
    def years(self) -> list[int]:
        return list(range(self.base_year + 1, self.end_year + 1))


def _n(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{format_number(round(value, 2))}{unit}"


def local_name(name: str) -> str:
    """A national indicator's name as a district says it.

    >>> local_name("地级及以上城市细颗粒物（PM2.5）浓度"), local_name("数字经济核心产业增加值占GDP比重")
    ('细颗粒物（PM2.5）浓度', '数字经济核心产业增加值占地区生产总值比重')
    """
    for word, local in LOCAL_WORDS:
        name = name.replace(word, local)
    return name


def _not_applicable(name: str) -> str | None:
    return next((reason for pattern, reason in NATIONAL_ONLY if re.search(pattern, name)), None)


def _region_name(plan: Plan, fallback: str) -> str:
    m = re.match(r"^《?(.+?)国民经济和社会发展", plan.title or "")
    return m.group(1) if m else fallback


# --- values ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Value:
    year: int
    value: float
    flag: int
    source: str


def _series(table: ObservationTable | None, region: int | None, no: int) -> list[_Value]:
    """Full-year (and 预计) values of one indicator and region, by year."""
    if table is None or region is None:
        return []
    out = []
    for k in range(len(table)):
        if table.indicator[k] == no and table.region[k] == region and table.flag[k] != PARTIAL:
            out.append(_Value(int(table.year[k]), float(table.value[k]), int(table.flag[k]),
                              table.sources[table.source[k]]))
    return sorted(out, key=lambda v: v.year)


def _compound_mean(rates: Sequence[float]) -> float:
    """The average of yearly rates (%) as the evaluation averages them: (Π(1 + r))^(1/k) − 1."""
    return (math.exp(sum(math.log1p(r / 100) for r in rates) / len(rates)) - 1) * 100


def _trend(spec: IndicatorSpec, own: Indicator | None, values: list[_Value], base: int,
           years: list[int]) -> tuple[dict[int, float | None], str, bool]:
    """The 2026–2030 projection, how it was made, and whether it is too steep to suggest a target from."""
    empty: dict[int, float | None] = dict.fromkeys(years)
    observed = [v for v in values if v.year <= base]
    rule = KINDS[spec.kind]
    if rule.rate_values or rule.target_family == "五年累计":
        start = own.baseline_year if own is not None and own.baseline_year else 0
        rates = [v.value for v in observed if v.year > start]
        if len(rates) < 2:
            return empty, f"数据不足（{len(rates)}年实际值），未外推", False
        r = _compound_mean(rates)
        span = f"{observed[0].year}—{observed[-1].year}年"
        if rule.rate_values:
            return dict.fromkeys(years, round(r, 2)), f"按{span}实际增速的复合平均（{_n(r, '%')}）保持不变", False
        cumulative = {y: round((1 - (1 - r / 100) ** (y - base)) * 100, 2) for y in years}
        return dict(cumulative), f"按{span}年均降低{_n(r, '%')}逐年累计", False
    points = [(own.baseline_year, own.baseline_value)] if own and own.baseline_year and \
        own.baseline_value is not None else []
    points = [p for p in points if p[0] not in {v.year for v in observed}]
    points += [(v.year, v.value) for v in observed]
    points.sort()
    if len(points) < 2:
        return empty, f"数据不足（{len(points)}个年份的数值），未外推", False
    (y0, v0), (y1, v1) = points[0], points[-1]
    method = path_for_unit(spec.unit, min(v0, v1))
    if method == "compound" and (v0 <= 0 or v1 <= 0):
        method = "linear"
    out: dict[int, float | None] = {}
    for y in years:
        value = float(whole_if_counted(spec, path_values(method, v0, v1, y - y0, y1 - y0)))
        out[y] = round(value, 2) if math.isfinite(value) else None
    if method == "compound":
        rate = ((v1 / v0) ** (1 / (y1 - y0)) - 1) * 100
        text = f"按{y0}—{y1}年年均增长{_n(rate, '%')}（{_n(v0)}→{_n(v1)}）等比外推"
        steep = abs(rate) > STEEP
    else:
        step = (v1 - v0) / (y1 - y0)
        text = f"按{y0}—{y1}年年均变化{'+' if step >= 0 else ''}{_n(step)}{spec.unit}（{_n(v0)}→{_n(v1)}）等差外推"
        steep = v0 != 0 and abs(step / v0) * 100 > STEEP
    if steep:
        text += "；变化过快（年均超过30%），外推值仅供参考，不用于建议目标"
    return out, text, steep


# --- the upper plan's requirement ---------------------------------------------------------------------------------

def _minimum(upper: IndicatorSpec, ind: Indicator, unit: str, baseline: float | None,
             end: int) -> tuple[str, float | None, str | None]:
    """(words, value in ``unit``, comparator ge/le) that the upper target requires of a district."""
    rule = KINDS[upper.kind]
    family = rule.target_family
    if upper.relative_to is not None:
        words = target_in_words(ind.growth if ind.growth.relative_to else ind.target, end, upper.unit, ind.name,
                                column="growth")
        return local_name(words), None, "relation"
    if family is None or upper.target is None:
        raw = (ind.growth.raw if ind.growth.qualitative else ind.target.raw) or "—"
        return f"上级未设定量化目标（{raw}）", None, None
    if family == "期末水平" and default_aggregation(upper) == "sum":
        return "总量指标随地区规模不同，上级目标不直接适用于本区", None, None
    try:
        value = convert(upper.target if upper.direction == "higher" or upper.target_max is None
                        else upper.target_max, upper.unit, unit)
    except UnitMismatchError:
        return f"单位不一致（上级为{upper.unit}，本区为{unit}），未换算，需核对", None, None
    higher = upper.direction == "higher"
    strict = upper.comparator in ("gt", "lt")
    word = ("高于" if strict else "不低于") if higher else ("低于" if strict else "不高于")
    comparator = "ge" if higher else "le"
    if family == "年均增速":
        return f"年均增长{word}{_n(value, unit)}", value, comparator
    if family == "五年累计":
        return f"五年累计降低{word.replace('高于', '超过')}{_n(value, unit)}", value, comparator
    if family == "累计提高":
        level = None if baseline is None else baseline + value
        said = f"（{end}年{_n(level, unit)}）" if level is not None else "（待2025年基数确定）"
        return f"{end - 4}—{end}年提高{word}{_n(value, unit)}{said}", level, comparator
    return f"{end}年{word}{_n(value, unit)}", value, comparator


def _suggest(spec: IndicatorSpec, unit: str, minimum: tuple[str, float | None, str | None],
             trend: dict[int, float | None], own: Indicator | None, own_spec: IndicatorSpec | None,
             latest: tuple[int, float] | None, end: int) -> tuple[str, float | None, str]:
    """(建议目标 words, value, how it was chosen) for the row judged by ``spec`` (the upper's when there is one)."""
    family = KINDS[spec.kind].target_family
    words, required, comparator = minimum
    own_family = KINDS[own_spec.kind].target_family if own_spec is not None else None
    if own_spec is not None and own_spec is not spec and family and own_family and own_family != family:
        return (f"{DRAFT}：待定（上级与十四五目标类型不同，请先统一口径）", None,
                "上级与十四五目标类型不同，不合成建议值")
    higher = spec.direction == "higher"
    candidates: list[tuple[float, str]] = []
    if required is not None:
        candidates.append((required, "上级要求"))
    projected = trend.get(end)
    if projected is not None and family is not None:
        candidates.append((projected, "趋势外推"))
    if family == "期末水平" and higher and latest is not None and spec.kind in ("level", "floor"):
        candidates.append((latest[1], f"最近实际值（{latest[0]}年，水平不宜回落）"))
    if candidates:
        value, why = (max if higher else min)(candidates, key=lambda c: c[0])
        value = float(whole_if_counted(spec, value))
        if family == "年均增速":
            text = f"年均增长{_n(value, unit)}{'以上' if why == '上级要求' else '左右'}"
        elif family == "五年累计":
            text = f"五年累计降低{_n(value, unit)}"
        elif why == "上级要求":
            text = words
        else:
            text = f"{end}年{'不低于' if higher else '不高于'}{_n(value, unit)}"
        how = f"取{'、'.join(c[1] for c in candidates)}中{'较高' if higher else '较低'}者（{why}）"
        return f"{DRAFT}：{text}", value, how if len(candidates) > 1 else f"取{why}"
    if comparator is not None:  # a requirement in words only: a relation, or an increase on a base not known yet
        return f"{DRAFT}：{words}", None, "与上级要求相同"
    if own is not None:
        return f"{DRAFT}：待定（参照十四五目标：{indicator_in_words(own)}）", None, "缺少基数、趋势和上级量化要求"
    return f"{DRAFT}：待定（缺数据）", None, "缺少基数、趋势和上级量化要求"


# --- the draft -----------------------------------------------------------------------------------------------------

def _firm(pair: Pair) -> bool:
    """Paired surely enough to share a row: by name, normalised name or a firm synonym, in convertible units."""
    return pair.rule in FIRM_RULES and not pair.confirm and pair.units.status != "mismatch"


def _observation_indicators(own: Plan, upper_only: Sequence[Measure]) -> list[Indicator]:
    """The own plan's indicators, and the upper-only ones renumbered past them (found by name in a data file)."""
    first = max((i.no for i in own.indicators), default=0) + 1
    return [*own.indicators, *(replace(m.indicator, no=first + k, label=f"上级{m.key}", name=local_name(m.name))
                               for k, m in enumerate(upper_only))]


def build_draft(upper: Plan, own: Plan, table: ObservationTable | None, region: str | None = None,
                upper_name: str = "", own_name: str = "", data_name: str = "",
                numbers: dict[str, int] | None = None) -> Draft:
    """The draft indicator system; ``numbers`` maps an upper-only measure's key to its number in ``table``."""
    base, end = upper.plan_years
    own_base, own_end = own.plan_years
    if not upper.indicators or base is None or end is None:
        raise PlanwatchError(f"{upper_name or '上级规划'}: 没有写明基期和目标年份的主要指标表，无法起草指标体系")
    if not own.indicators or own_base is None or own_end is None:
        raise PlanwatchError(f"{own_name or '本级规划'}: 没有主要指标表，无法起草指标体系")
    years = list(range(base + 1, end + 1))
    region_at: int | None = None
    if table is not None:
        region = table_region(table, region)
        region_at = table.regions.index(region) if region is not None else None
    region = region or _region_name(own, "本地区")
    uppers = plan_measures(upper, with_text=False)
    owns = plan_measures(own, with_text=False)
    pairs, _, _ = pair_measures(owns, uppers)
    merged: dict[str, Pair] = {p.new.key: p for p in pairs if _firm(p)}
    loose: dict[str, Pair] = {p.new.key: p for p in pairs if p.new.key not in merged}
    loose_own = {p.old.key: p for p in loose.values()}
    used_own = {p.old.key for p in merged.values()}
    numbers = numbers or {}
    rows: list[DraftRow] = []
    not_applicable: list[NotApplicable] = []
    upper_label = upper_name or upper.title or "上级规划"
    own_label = own_name or own.title or "本级规划"

    def row(up: Measure | None, mine: Measure | None, pair: Pair | None) -> DraftRow:
        ind = mine.indicator if mine else None
        up_spec = infer_spec(up.indicator, base, end) if up else None
        own_spec = infer_spec(mine.indicator, own_base, own_end) if mine else None
        spec_for_row = own_spec or up_spec
        assert spec_for_row is not None
        name = mine.name if mine else local_name(up.name) if up else ""
        unit = mine.unit if mine else (up.unit if up else "")
        no = int(mine.indicator.no) if mine else numbers.get(up.key, -1) if up else -1
        values = _series(table, region_at, no)
        at_base = next((v for v in values if v.year == base), None)
        if at_base is not None:
            baseline: float | None = at_base.value
            baseline_text = _n(at_base.value) + ("（预计数）" if at_base.flag == EXPECTED else "")
            baseline_how = f"{base}年{FLAG_LABELS[at_base.flag]}实际值"
        else:
            baseline = None
            last_value = values[-1] if values else None
            baseline_text = "缺数据"
            baseline_how = (f"缺数据：数据中没有{base}年全年值" if table is not None else "缺数据：未提供数据文件") + \
                (f"（最近实际值：{last_value.year}年{_n(last_value.value, unit)}）" if last_value else "")
        trend, trend_text, steep = _trend(spec_for_row, ind, values, base, years)
        known = [(v.year, v.value) for v in values if v.year <= base]
        if ind is not None and ind.baseline_year and ind.baseline_value is not None and \
                not KINDS[spec_for_row.kind].rate_values:
            known.append((ind.baseline_year, ind.baseline_value))
        latest = max(known) if known else None
        if up is not None and up_spec is not None:
            minimum = _minimum(up_spec, up.indicator, unit, baseline, end)
        else:
            minimum = ("上级规划无对应指标", None, None)
        judged = up_spec if up_spec is not None and KINDS[up_spec.kind].target_family else spec_for_row
        suggested, suggested_value, why = _suggest(judged, unit, minimum, {} if steep else trend, ind, own_spec,
                                                   latest, end)
        binding = [who for who, s in (("上级", up_spec), ("十四五", own_spec)) if s is not None and s.binding]
        attribute = "；".join(f"{who}{_ATTRIBUTE[(m.indicator.attribute or 'expected')]}"
                             for who, m in (("上级", up), ("十四五", mine)) if m is not None)
        notes: list[str] = []
        if pair is not None and up is not None and mine is not None:
            notes.append(f"上下级指标配对：{pair.reason}" + (f"；{pair.units.message}" if pair.units.message else ""))
        for other in (loose.get(up.key) if up else None, loose_own.get(mine.key) if mine else None):
            if other is not None:
                partner = other.old if up is not None and other.new is up else other.new
                notes.append(f"与{'本区十四五' if partner is other.old else '上级'}指标“{partner.name}”"
                             f"{other.reason}" + (f"（{other.units.message}）" if other.units.message else "") +
                             "，口径可能不同，请核对是否合并为一行")
        if up_spec and own_spec and KINDS[up_spec.kind].target_family != KINDS[own_spec.kind].target_family \
                and KINDS[up_spec.kind].target_family and KINDS[own_spec.kind].target_family:
            notes.append(f"目标类型不同：上级为{KINDS[up_spec.kind].target_family}，"
                         f"十四五为{KINDS[own_spec.kind].target_family}")
        method = "；".join([
            f"基数：{baseline_how}", f"趋势外推：{trend_text}",
            f"最低目标：按规划衔接规则得出“{minimum[0]}”" if up is not None else "最低目标：上级规划无对应指标", f"建议目标：{why}",
            f"建议属性：{'、'.join(binding) + '为约束性，保持约束性' if binding else '均为预期性'}",
            *notes])
        sources = []
        if up:
            sources.append(f"上级：{upper_label}第{up.key}项")
        if mine:
            sources.append(f"本区：{own_label}主要指标表第{mine.key}项")
        data_sources = list(dict.fromkeys(v.source for v in values if v.source))
        if data_sources:
            sources.append(f"数据：{data_name}（{'；'.join(data_sources)}）")
        upper_text = ""
        if up:
            upper_base = up.indicator.baseline_raw
            upper_text = (f"{up.key}. {up.name}（{up.unit}）：{indicator_in_words(up.indicator)}"
                          + (f"；{base}年{upper_base}" if upper_base not in ("", "—") else ""))
        own_text = f"{mine.key}. {mine.name}（{mine.unit}）：{indicator_in_words(mine.indicator)}" if mine else ""
        return DraftRow(
            no=len(rows) + 1, category=(up.indicator.category if up else "") or (ind.category if ind else ""),
            name=name, unit=unit, attribute=attribute, upper=upper_text, own=own_text, baseline=baseline,
            baseline_text=baseline_text, trend=trend, trend_text=trend_text, minimum=minimum[0],
            minimum_value=minimum[1], suggested=suggested, suggested_value=suggested_value,
            suggested_attribute="约束性" if binding else "预期性", method=method, source="；".join(sources),
            target_family=KINDS[judged.kind].target_family, direction=judged.direction)

    for up in uppers:
        reason = _not_applicable(up.name)
        if reason:
            not_applicable.append(NotApplicable(up.key, up.name, up.unit, reason))
            continue
        pair = merged.get(up.key)
        rows.append(row(up, pair.old if pair else None, pair))
    for mine in owns:
        if mine.key not in used_own:
            rows.append(row(None, mine, None))
    title = f"{region}{'“十五五”' if end == 2030 else f'{base + 1}—{end}年'}规划主要指标体系（{DRAFT}）"
    notes = (
        (f"本表为{DRAFT}，由规划实施监测评估平台根据上级规划（{upper_label}）、本区上期规划（{own_label}）"
        f"{'和观测数据（' + data_name + '）' if table is not None else '（未提供观测数据）'}自动生成，供起草组讨论，不是正式规划指标。"),
        f"{base}年基数取数据中的全年值（或预计数），部分年度数不作为全年基数；没有时标“缺数据”。",
        ("趋势外推：增速类按实际增速的复合平均保持不变；累计降低类按年均降低率逐年累计；其余按单位等差（比重、比率）"
        "或等比（总量）经首末两个数值外推；数值不足两个的不外推。"),
        ("上级目标隐含的最低目标按规划衔接规则：同类目标、按指标方向不弱于上级；单位不同的先换算，无法换算的标出不比较；"
        "随地区规模变化的总量指标不比较。"),
        ("建议目标取上级要求、趋势外推（变化过快的除外）和（越高越好的水平类）最近实际值中按指标方向最强者；"
        "建议属性：上级或十四五为约束性的保持约束性。"),
    )
    return Draft(title, region, base, end, upper_label, own_label, data_name, tuple(rows), tuple(not_applicable),
                 notes)


def draft_from_files(upper_path: str | os.PathLike[str], own_path: str | os.PathLike[str],
                     data_path: str | os.PathLike[str] | None = None, region: str | None = None,
                     default_region: str = "本地区", max_bytes: int = DEFAULT_MAX_BYTES) -> Draft:
    """Read the files and build the draft; every problem is a :class:`PlanwatchError` naming the file."""
    upper = extract_plan(upper_path, max_bytes)
    own = extract_plan(own_path, max_bytes)
    upper_name, own_name = Path(upper_path).name, Path(own_path).name
    if not upper.indicators:
        raise PlanwatchError(f"{upper_name}: 没有主要指标表，不能作为上级规划")
    if not own.indicators:
        raise PlanwatchError(f"{own_name}: 没有主要指标表，无法起草指标体系")
    table = None
    numbers: dict[str, int] = {}
    if data_path is not None:
        uppers = plan_measures(upper, with_text=False)
        pairs, _, _ = pair_measures(plan_measures(own, with_text=False), uppers)
        firm = {p.new.key for p in pairs if _firm(p)}
        upper_only = [m for m in uppers if m.key not in firm]
        indicators = _observation_indicators(own, upper_only)
        numbers = {m.key: ind.no for m, ind in zip(upper_only, indicators[len(own.indicators):], strict=True)}
        table = read_observations(Path(data_path), indicators, default_region).chosen()
    return build_draft(upper, own, table, region, upper_name, own_name,
                       Path(data_path).name if data_path is not None else "", numbers)


def draft_indicators(draft: Draft) -> tuple[Indicator, ...]:
    """The draft's rows as a main-indicator table (stored as a 草案 plan, e.g. in the demo): name, unit, suggested
    attribute, the base-year value where known (else its cell says 缺数据) and the suggested target where there is a
    figure — a yearly rate in the growth column, a five-year reduction as 〔…〕, any other as a level to reach by the
    end year (≥ or ≤ in the row's direction, ＞ or ＜ when the
    suggestion says 高于/低于); a target in words only or 待定 is no numeric target. Each row's notes
    carry its 草案 suggestion, method and source."""
    none = TargetExpr(raw="—")
    out = []
    for r in draft.rows:
        target, growth = none, none
        if r.suggested_value is not None:
            n = format_number(round(r.suggested_value, 2))
            strict = re.search(r"(?<!不)[高低]于\d", r.suggested) is not None  # 上级要求“高于22件”: ＞, not ≥
            bound = ("＞≥" if r.direction != "lower" else "＜≤")[0 if strict else 1] + n
            if r.target_family == "年均增速":
                growth = parse_target(bound, "年均增长")
            elif r.target_family == "五年累计":
                growth = parse_target(f"〔{n}〕", "年均增长")
            else:
                target = parse_target(bound)
        out.append(Indicator(
            no=r.no, category=r.category, name=r.name, unit=r.unit, baseline_year=draft.base_year,
            baseline_value=r.baseline, baseline_raw=r.baseline_text, target_year=draft.end_year, target=target,
            growth=growth, attribute=ATTRIBUTES.get(r.suggested_attribute),
            notes=(r.suggested, f"方法说明（{DRAFT}）：{r.method}", f"来源：{r.source}")))
    return tuple(out)
