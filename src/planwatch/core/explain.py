"""The sentence that says how an indicator's status was reached, rendered in Chinese (the default) or English.

A sentence is built once, as phrase keys with their arguments (:class:`Sentence`), and rendered in any language on
demand from one table of phrases per language: a new language adds a table, not another copy of the logic. Each
kind's rule (``planwatch.core.kinds``) chooses its phrases; the cases shared by every kind (no data, no target) are
here. Numbers keep the plan's units (亿元, %) in both languages.
"""

from __future__ import annotations

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
        "level_rest": "；其余年份每年需{change}{required}", "growth": "增长", "change": "变化", "rate_per_year": "{number}/年",
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
        "change": "a change", "rate_per_year": "{number}/year", "end": ".",
    },
}


def fmt(x: float, unit: str = "") -> str:
    return f"{format_number(round(float(x), 2))}{unit}"


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
        return text.format(**{name: value.render(language) if isinstance(value, Phrase) else value
                              for name, value in self.args})


def phrase(key: str, **args: object) -> Phrase:
    """``phrase("bound", year=2023, word=phrase("ceiling"))``: numbers become text once, in every language alike."""
    return Phrase(key, tuple((name, value if isinstance(value, Phrase) else str(value)) for name, value in args.items()))


@dataclass(frozen=True)
class Sentence:
    """The explanation of one result, in no language yet: ``render("en")`` writes it."""

    parts: tuple[Phrase, ...]

    def render(self, language: Language = "zh") -> str:
        return "".join(part.render(language) for part in self.parts)


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
        return fmt(self.res.ratio[self.r] * 100, "%")

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


def no_data(spec: IndicatorSpec, as_of: int) -> Sentence:
    return Sentence((phrase("no_data", first=spec.base_year + 1, as_of=as_of),))


def no_target(cell: Cell) -> Sentence:
    trend = phrase("trend", a=cell.a, year=cell.year, note=cell.note) if cell.year else ""
    return Sentence((phrase("no_target", reason=cell.spec.reason, trend=trend),))
