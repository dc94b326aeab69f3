"""The sentence that says how an indicator's status was reached, rendered in Chinese (the default) or English.

A sentence is built once, as phrase keys with their arguments (:class:`Sentence`), and rendered in any language on
demand from one table of phrases per language: a new language adds a table, not another copy of the logic. Each
kind's rule (``planwatch.core.kinds``) chooses its phrases; the cases shared by every kind (no data, no target) are
here. Numbers keep the plan's units (亿元, %) in both languages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Union

from .observations import EXPECTED, PARTIAL
from .spec import IndicatorSpec
from .targets import format_number

if TYPE_CHECKING:
    from .kinds.block import Arrays

Language = Literal["zh", "en"]
_FLAG_KEYS = {EXPECTED: "flag_expected", PARTIAL: "flag_partial"}

PHRASES: dict[Language, dict[str, str]] = {
    "zh": {
        "note": "（{year}年为{flag}）", "flag_expected": "预计数", "flag_partial": "部分年度",
        "no_data": "{first}—{as_of}年没有报送数据，无法判断（未报送不按0计算）。",
        "no_target": "规划{reason}，仅观察趋势。{trend}", "trend": "最新值{a}（{year}年）{note}",
        "growth_rate": "{first}—{year}年{counted}个年度增速的复合平均为{a}，{current}{note}，规划目标年均增长{e}，相当于目标的{ratio}",
        "growth_rate_rest": "；其余{rest}年每年需增长{required}才能实现目标。",
        "cumulative": "{first}—{year}年累计降低{a}{note}（各年降幅逐年复合计算，不是简单相加），按五年累计{target}的进度此时应累计{e}",
        "cumulative_rest": "；其余{rest}年每年需降低{required}。",
        "ceiling": "上限", "floor": "下限", "bound": "{year}年为{a}{note}，{word}为{e}；",
        "bound_broken": "{first}—{year}年有{bad}个年度未守住{word}。", "bound_kept": "各年均在要求之内。",
        "relational": "{year}年为{a}{note}，对比指标“{reference}”为{e}，要求{relation}该指标。",
        "gt": "高于", "lt": "低于", "eq": "基本同步于",
        "level": "{year}年实际{a}{note}，按年度目标路径此时应为{e}，从基期{baseline}起已完成应有进度的{ratio}",
        "level_no_path": "{year}年实际{a}{note}，目标{target}",
        "level_from_first": "{year}年实际{a}{note}，按年度目标路径此时应为{e}，基期值缺失，以{start}年实际值{baseline}为起点，已完成应有进度的{ratio}",
        "verdict_met": "，达到目标“{target}”", "verdict_not_met": "，未达到目标“{target}”（差{gap}）",
        "verdict_tolerance": "，未达到{t}，但在±{tol}容差内（{bound}）视为完成",
        "verdict_beyond_tolerance": "，未达到目标“{target}”（±{tol}容差下应{bound}）",
        "at_least": "不低于{x}", "at_most": "不高于{x}",
        "stale": "数据截至{year}年，按趋势推算{end}年为{p}，{verdict}。", "stale_held": "数据截至{year}年，按已有年份判断，{verdict}。",
        "projected_met": "预计完成", "projected_not_met": "预计难以完成",
        "year_value": "{year}年当年增长{v}",
        "pending": "目标待下达（{note}），暂不评价。{trend}",
        "achieved_early": "，已达到{end}年目标。", "reversing": "，与目标方向相反。",
        "level_rest": "；其余年份每年需{change}{required}", "growth": "增长", "change": "变化", "rate_per_year": "{number}/年",
        "end": "。", "revised": "目标已于{year}年调整（依据：{document}）。",
    },
    "en": {
        "note": " ({year}: {flag})", "flag_expected": "an estimate", "flag_partial": "part of the year",
        "no_data": "No data reported for {first}–{as_of}: no judgement is possible (an unreported value is not counted "
                   "as 0).",
        "no_target": "The plan sets no quantified target; only the trend is watched. {trend}",
        "trend": "Latest value {a} ({year}){note}.",
        "growth_rate": "The compound average of {counted} annual growth rates in {first}–{year} is {a}, {current}{note}, "
                       "against "
                       "a planned average of {e}: {ratio} of the target",
        "growth_rate_rest": "; the remaining {rest} years need growth of {required} a year to reach it.",
        "cumulative": "Cumulative reduction in {first}–{year}: {a}{note} (each year's reduction compounded, not added up); on the way to "
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
        "level_from_first": "Actual {a} in {year}{note}; on the annual target path it should be {e} by now; no "
                            "baseline, so the path starts from the actual {baseline} of {start}: {ratio} of the "
                            "progress due",
        "verdict_met": "; the target “{target}” is reached", "verdict_not_met": "; the target “{target}” is not "
                       "reached (short by {gap})",
        "verdict_tolerance": "; {t} is not reached, but within the ±{tol} tolerance ({bound}) it counts as met",
        "verdict_beyond_tolerance": "; the target “{target}” is not reached (with the ±{tol} tolerance: {bound})",
        "at_least": "at least {x}", "at_most": "at most {x}",
        "stale": " Data up to {year}; the trend gives {p} for {end}: {verdict}.",
        "stale_held": " Data up to {year}; judged on the years reported: {verdict}.",
        "projected_met": "projected to be met", "projected_not_met": "projected not to be met",
        "year_value": "{v} in {year} itself",
        "pending": "Target still to be handed down ({note}): not judged yet. {trend}",
        "achieved_early": "; the {end} target is already reached.", "reversing": "; moving away from the target.",
        "level_rest": "; the remaining years need {change} of {required} a year", "growth": "growth",
        "change": "a change", "rate_per_year": "{number}/year", "end": ".",
        "revised": " The target was revised from {year} (per {document}).",
    },
}


def fmt(x: float, unit: str = "") -> str:
    """``x`` to two decimals, trailing zeros dropped, with its unit: 3.1381 → 3.14, 5.0 → 5."""
    x = float(x)
    if -1e13 < x < 1e13:  # at most 15 digits: "%.2f" rounds as round(x, 2) does and writes what repr() would
        text = f"{x:.2f}".rstrip("0").rstrip(".")
        return ("0" if text == "-0" else text) + unit
    return f"{format_number(round(x, 2))}{unit}"


def percent(ratio: float) -> str:
    """A progress ratio as every page, report and sentence writes it: 0.83876 → 83.88%."""
    return fmt(ratio * 100, "%")


Argument = Union[str, "Phrase"]


@dataclass(frozen=True)
class Phrase:
    """A phrase key of :data:`PHRASES` with its arguments; an argument may itself be a phrase (a word)."""

    key: str
    args: tuple[tuple[str, Argument], ...] = ()

    def render(self, language: Language) -> str:
        text = PHRASES[language][self.key]
        if not self.args:
            return text
        return text.format_map({name: value.render(language) if isinstance(value, Phrase) else value
                                for name, value in self.args})


def phrase(key: str, **args: object) -> Phrase:
    """``phrase("bound", year=2023, word=phrase("ceiling"))``: numbers become text once, in every language alike."""
    return Phrase(key, tuple([(name, value if isinstance(value, Phrase) else str(value)) for name, value in args.items()]))


@dataclass(frozen=True)
class Sentence:
    """The explanation of one result, in no language yet: ``render("en")`` writes it."""

    parts: tuple[Phrase, ...]

    def render(self, language: Language = "zh") -> str:
        return "".join([part.render(language) for part in self.parts])


@dataclass(frozen=True)
class Cell:
    """One indicator in one region, as the explanation sees it: the numbers already formatted in its unit."""

    spec: IndicatorSpec
    res: Arrays
    r: int
    status: str

    @property
    def year(self) -> int:
        return int(self.res.actual_year[self.r])

    @property
    def first(self) -> int:
        return self.spec.base_year + 1

    @property
    def rest(self) -> int:
        return self.spec.end_year - self.year

    def number(self, name: str, unit: str | None = None) -> str:
        """Result field ``name`` (actual, expected, ratio…) of this cell, formatted with ``unit`` (the spec's)."""
        return fmt(getattr(self.res, name)[self.r], self.spec.unit if unit is None else unit)

    @property
    def ratio(self) -> str:
        """The progress ratio as a percentage."""
        return percent(self.res.ratio[self.r])

    @property
    def a(self) -> str:
        return self.number("actual")

    @property
    def e(self) -> str:
        return self.number("expected")

    @property
    def note(self) -> Argument:
        """（2022年为部分年度） when the latest value is an estimate or part of a year."""
        flag = int(self.res.actual_flag[self.r])
        return phrase("note", year=self.year, flag=phrase(_FLAG_KEYS[flag])) if flag in _FLAG_KEYS else ""


    @property
    def target(self) -> str:
        """The end target as the plan writes it, in its unit (≥81.72岁, 3500亿元左右)."""
        spec = self.spec
        text = fmt(self.target_level, spec.unit)
        prefix = {"ge": "≥", "gt": "＞", "le": "≤", "lt": "＜"}.get(spec.comparator or "", "")
        return prefix + text + ("左右" if spec.comparator == "approx" else "")

    @property
    def target_level(self) -> float:
        """The end-year level the indicator is judged against (an increase 〔1〕 岁 from 77.3: 78.3)."""
        level = self.res.extra.get("target_level")
        return float(level[self.r]) if level is not None else float(self.spec.target or 0.0)

    def _tolerance(self, key: str) -> Phrase:
        """The ±5% of a 左右 target, and the bound it gives, in phrase ``key``."""
        spec, tol, t = self.spec, float(self.res.extra["tolerance"][self.r]), self.target_level
        bound = t * (1 - tol) if spec.direction == "higher" else t * (1 + tol)
        return phrase(key, t=fmt(t, spec.unit), target=self.target, tol=fmt(tol * 100, "%"),
                      bound=phrase("at_least" if spec.direction == "higher" else "at_most", x=fmt(bound, spec.unit)))

    @property
    def tolerance_note(self) -> tuple[Phrase, ...]:
        """When a 左右 tolerance and not the target itself decided that it is reached, the sentence says so."""
        extra = self.res.extra
        if "strictly_met" not in extra or bool(extra["strictly_met"][self.r]):
            return ()
        return (self._tolerance("verdict_tolerance"),)

    @property
    def verdict(self) -> Phrase:
        """At the end: reached, reached within the 左右 tolerance, or not reached (by how much, or against the
        tolerance's bound)."""
        if self.status == "met":
            return self.tolerance_note[0] if self.tolerance_note else phrase("verdict_met", target=self.target)
        if self.spec.comparator == "approx" and "tolerance" in self.res.extra:
            return self._tolerance("verdict_beyond_tolerance")
        gap = abs(float(self.res.actual[self.r]) - self.target_level)
        return phrase("verdict_not_met", target=self.target, gap=fmt(gap, self.spec.unit))


def stale(cell: Cell) -> Phrase:
    """数据截至2021年: a 总结评估 on older data, judged by the projection to the end year."""
    if math.isnan(cell.res.projection[cell.r]):  # a relational target: judged on the years so far
        return phrase("stale_held", year=cell.year, verdict=phrase(cell.status))
    return phrase("stale", year=cell.year, end=cell.spec.end_year, p=cell.number("projection"),
                  verdict=phrase(cell.status))


def no_data(spec: IndicatorSpec, as_of: int) -> Sentence:
    return Sentence((phrase("no_data", first=spec.base_year + 1, as_of=as_of),))


def no_target(cell: Cell) -> Sentence:
    trend = phrase("trend", a=cell.a, year=cell.year, note=cell.note) if cell.year else ""
    if cell.status == "target_pending":
        return Sentence((phrase("pending", note=cell.spec.reason, trend=trend),))
    # the no_target rule's own reason reads 未设定量化目标（…）; a kind set to no_target by hand keeps the reason of
    # the kind the row was read as, which the sentence then names as the target the plan's text gives
    reason = cell.spec.reason
    if not reason.startswith("未设定量化目标"):
        reason = "未设定量化目标" + (f"（{reason}）" if reason else "")
    return Sentence((phrase("no_target", reason=reason, trend=trend),))
