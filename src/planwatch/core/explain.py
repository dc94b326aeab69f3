"""The sentence that says how an indicator's status was reached, in Chinese (the default) or English.

One branching over the indicator kinds, and one table of phrases per language: a new kind or a new language adds
phrases, not another copy of the logic. Numbers keep the plan's units (亿元, %) in both languages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np

from .observations import EXPECTED, PARTIAL
from .targets import format_number

if TYPE_CHECKING:
    from .evaluation import Arrays
    from .kinds import IndicatorSpec

Language = Literal["zh", "en"]
_FLAG_KEYS = {EXPECTED: "flag_expected", PARTIAL: "flag_partial"}

PHRASES: dict[Language, dict[str, str]] = {
    "zh": {
        "note": "（{year}年为{flag}）", "flag_expected": "预计数", "flag_partial": "部分年度",
        "no_data": "{first}—{as_of}年没有报送数据，无法判断（未报送不按0计算）。",
        "no_target": "规划未设定量化目标（{reason}），仅观察趋势。{trend}", "trend": "最新值{a}（{year}年）{note}",
        "growth_rate": "{first}—{year}年{counted}个年度增速的复合平均为{a}{note}，规划目标年均增长{e}，相当于目标的{ratio}",
        "growth_rate_rest": "；其余{rest}年每年需增长{required}才能实现目标。",
        "cumulative": "{first}—{year}年累计降低{a}{note}（按1−∏(1−各年降幅)计算），按五年累计{target}的进度此时应累计{e}",
        "cumulative_rest": "；其余{rest}年每年需降低{required}。",
        "ceiling": "上限", "floor": "下限", "bound": "{year}年为{a}{note}，{word}为{e}；",
        "bound_broken": "{first}—{year}年有{bad}个年度未守住{word}。", "bound_kept": "各年均在要求之内。",
        "relational": "{year}年为{a}{note}，对比指标“{reference}”为{e}，要求{relation}该指标。",
        "gt": "高于", "lt": "低于", "eq": "基本同步于",
        "level": "{year}年实际{a}{note}，按年度目标路径此时应为{e}，从基期{baseline}起已完成应有进度的{ratio}",
        "level_no_path": "{year}年实际{a}{note}，目标{target}",
        "achieved_early": "，已达到{end}年目标。", "reversing": "，与目标方向相反。",
        "level_rest": "；其余年份每年需{change}{required}", "growth": "增长", "change": "变化", "per_year": "/年",
        "end": "。",
    },
    "en": {
        "note": " ({year}: {flag})", "flag_expected": "an estimate", "flag_partial": "part of the year",
        "no_data": "No data reported for {first}–{as_of}: no judgement is possible (an unreported value is not counted "
                   "as 0).",
        "no_target": "The plan sets no quantified target; only the trend is watched. {trend}",
        "trend": "Latest value {a} ({year}){note}.",
        "growth_rate": "The compound average of {counted} annual growth rates in {first}–{year} is {a}{note}, against "
                       "a planned average of {e}: {ratio} of the target",
        "growth_rate_rest": "; the remaining {rest} years need growth of {required} a year to reach it.",
        "cumulative": "Cumulative reduction in {first}–{year}: {a}{note} (1 − ∏(1 − yearly reductions)); on the way to "
                      "the five-year {target} it should be {e} by now",
        "cumulative_rest": "; the remaining {rest} years need a reduction of {required} a year.",
        "ceiling": "ceiling", "floor": "floor", "bound": "{a} in {year}{note}; the {word} is {e}; ",
        "bound_broken": "the {word} was not kept in {bad} of the years {first}–{year}.",
        "bound_kept": "every year within the requirement.",
        "relational": "{a} in {year}{note}; the reference indicator “{reference}” is {e}; the plan asks for "
                      "{relation} it.", "gt": "more than", "lt": "less than", "eq": "keeping in step with",
        "level": "Actual {a} in {year}{note}; on the annual target path it should be {e} by now: {ratio} of the "
                 "progress due since the baseline {baseline}",
        "level_no_path": "Actual {a} in {year}{note}; target {target}",
        "achieved_early": "; the {end} target is already reached.", "reversing": "; moving away from the target.",
        "level_rest": "; the remaining years need {change} of {required} a year", "growth": "growth",
        "change": "a change", "per_year": "/year", "end": ".",
    },
}


def _fmt(x: float, unit: str = "") -> str:
    return f"{format_number(round(float(x), 2))}{unit}"


def explain(spec: IndicatorSpec, res: Arrays, r: int, as_of: int, status: str, language: Language = "zh") -> str:
    """One sentence saying how the status of indicator ``spec`` in region ``r`` was reached."""
    p = PHRASES[language]
    unit, year, first = spec.unit, int(res.actual_year[r]), spec.base_year + 1
    a, e = _fmt(res.actual[r], spec.unit), _fmt(res.expected[r], spec.unit)
    flag = int(res.actual_flag[r])
    note = p["note"].format(year=year, flag=p[_FLAG_KEYS[flag]]) if flag in _FLAG_KEYS else ""
    rest = spec.end_year - year
    if status == "no_data":
        return p["no_data"].format(first=first, as_of=as_of)
    if status == "no_target":
        trend = p["trend"].format(a=a, year=year, note=note) if year else ""
        return p["no_target"].format(reason=spec.reason, trend=trend)
    if spec.kind == "growth_rate":
        text = p["growth_rate"].format(first=first, year=year, counted=int(res.extra["years_counted"][r]),
                                       a=_fmt(res.actual[r], "%"), note=note, e=_fmt(res.expected[r], "%"),
                                       ratio=_fmt(res.ratio[r] * 100, "%"))
        return text + (p["growth_rate_rest"].format(rest=rest, required=_fmt(res.required[r], "%"))
                       if rest > 0 else p["end"])
    if spec.kind == "cumulative":
        text = p["cumulative"].format(first=first, year=year, a=_fmt(res.actual[r], "%"), note=note,
                                      target=_fmt(spec.target or 0, "%"), e=_fmt(res.expected[r], "%"))
        return text + (p["cumulative_rest"].format(rest=rest, required=_fmt(res.required[r], "%"))
                       if rest > 0 else p["end"])
    if spec.kind in ("ceiling", "floor"):
        word, bad = p[spec.kind], int(res.violations[r])
        return p["bound"].format(year=year, a=a, note=note, word=word, e=e) + (
            p["bound_broken"].format(first=first, year=year, bad=bad, word=word) if bad else p["bound_kept"])
    if spec.kind == "relational":
        relation = p[spec.comparator if spec.comparator in ("gt", "lt") else "eq"]
        return p["relational"].format(year=year, a=a, note=note, reference=spec.relative_to, e=e, relation=relation)
    if np.isnan(res.ratio[r]):
        text = p["level_no_path"].format(year=year, a=a, note=note, target=_fmt(spec.target or 0, unit))
    else:
        text = p["level"].format(year=year, a=a, note=note, e=e, baseline=_fmt(res.baseline[r], unit),
                                 ratio=_fmt(res.ratio[r] * 100, "%"))
    if status == "achieved_early":
        return text + p["achieved_early"].format(end=spec.end_year)
    if status == "reversing":
        return text + p["reversing"]
    if not np.isnan(res.required[r]):
        compound = spec.path == "compound"
        rate_unit = "%" if compound and res.actual[r] > 0 else f"{unit}{p['per_year']}"
        text += p["level_rest"].format(change=p["growth" if compound else "change"],
                                       required=_fmt(res.required[r], rate_unit))
    return text + p["end"]
