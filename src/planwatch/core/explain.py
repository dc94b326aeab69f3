"""The sentence that says how an indicator's status was reached, rendered in Chinese (the default) or English.

A sentence is built once, as phrase keys with their arguments (:class:`Sentence`), and rendered in any language on
demand from one table of phrases per language: a new language adds a table, not another copy of the logic. Each
kind's rule (``planwatch.core.kinds``) chooses its phrases; the cases shared by every kind (no data, no target) are
here. Numbers keep the plan's units (亿元, %) in both languages.

Thousands of results are explained group by group (:class:`Cells`): the regions of one indicator that agree on
everything a sentence branches on (status, estimate or part-year flag, tolerance, the kind's own conditions) share
one sentence whose arguments are lists, one text per region; each phrase is then one ``str.format`` per region and
the numbers are formatted column by column (:func:`fmt_many`). A single cell is a group of one (:class:`Cell`,
:func:`one_row`), so every wording has one home.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from string import Formatter
from typing import TYPE_CHECKING, Any, Literal, Union

import numpy as np
import numpy.typing as npt

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


def fmt_many(values: npt.ArrayLike, unit: str = "") -> list[str]:
    """:func:`fmt` of every value, in one pass: the same text, cell for cell.

    >>> fmt_many([3.1381, 5.0, -0.001, 2e13], "%")
    ['3.14%', '5%', '0%', '20000000000000%']
    """
    xs = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(xs) > 1 and xs.min() == xs.max():  # a target or a tolerance: the same in every row, written once
        return fmt_many(xs[:1], unit) * len(xs)
    texts = ["0" + unit if (t := text.rstrip("0").rstrip(".")) == "-0" else t + unit
             for text in map("{:.2f}".format, xs.tolist())]
    outside = ~((xs > -1e13) & (xs < 1e13))  # NaN, infinity and beyond 15 digits: fmt's own way
    if outside.any():
        for k in np.flatnonzero(outside).tolist():
            texts[k] = fmt(float(xs[k]), unit)
    return texts


def whole(values: npt.ArrayLike) -> list[str]:
    """Each value as a whole number's text, as ``str(int(x))`` writes it (years, counts)."""
    return [str(int(x)) for x in np.asarray(values).reshape(-1).tolist()]


Rows = list[str]  # an argument's text in each row of a group of cells (numbers read alike in every language)
Argument = Union[str, "Phrase", Rows]


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


@lru_cache(maxsize=512)
def _positional(text: str, scalars: tuple[tuple[str, str], ...], columns: tuple[str, ...], offset: int = 0) -> str:
    """Phrase ``text`` with the arguments common to all rows written in and the rest numbered in the order of
    ``columns``, from ``offset`` on: one ``str.format`` per row then fills it (a sentence's phrases one after
    another, numbered on, fill one template)."""
    fixed = dict(scalars)
    out = []
    for literal, name, spec, conversion in Formatter().parse(text):
        out.append(_escaped(literal))
        if name is None:
            continue
        if name in fixed:
            out.append(_escaped(format(fixed[name], spec or "")))
        else:
            out.append("{" + str(offset + columns.index(name)) + (f"!{conversion}" if conversion else "")
                       + (f":{spec}" if spec else "") + "}")
    return "".join(out)


@dataclass(frozen=True)
class Phrase:
    """A phrase key of :data:`PHRASES` with its arguments; an argument may itself be a phrase (a word), or, for a
    group of cells explained together, a list with one text per row (:class:`Cells`)."""

    key: str
    args: tuple[tuple[str, Argument], ...] = ()

    def render(self, language: Language) -> str:
        text = PHRASES[language][self.key]
        if not self.args:
            return text
        return text.format_map({name: value.render(language) if isinstance(value, Phrase) else value
                                for name, value in self.args})

    def render_rows(self, language: Language) -> str | Rows:
        """The text in every row of a group: one text if no argument differs between rows."""
        template, columns = self.template(language)
        return template.format() if not columns else list(map(template.format, *columns))

    def template(self, language: Language, offset: int = 0) -> tuple[str, list[Rows]]:
        """The phrase for every row of a group as one ``str.format`` template — the arguments common to all rows
        written in, the others numbered from ``offset`` — and the texts of the numbered ones, one list each."""
        text = PHRASES[language][self.key]
        if not self.args:
            return _escaped(text), []
        scalars: list[tuple[str, str]] = []
        columns: list[tuple[str, Rows]] = []
        for name, value in self.args:
            done = value.render_rows(language) if isinstance(value, Phrase) else value
            if isinstance(done, str):
                scalars.append((name, done))
            else:
                columns.append((name, done))
        if not columns:
            return _escaped(text.format_map(dict(scalars))), []
        return (_positional(text, tuple(scalars), tuple(name for name, _ in columns), offset),
                [rows for _, rows in columns])

    def row(self, j: int) -> Phrase:
        """The phrase of row ``j`` of a group alone."""
        if not self.args:
            return self
        return Phrase(self.key, tuple([(name, value.row(j) if isinstance(value, Phrase) else
                                        value if isinstance(value, str) else value[j]) for name, value in self.args]))


def phrase(key: str, **args: object) -> Phrase:
    """``phrase("bound", year=2023, word=phrase("ceiling"))``: numbers become text once, in every language alike; a
    list is one text per row of a group of cells."""
    return Phrase(key, tuple([(name, value if isinstance(value, (Phrase, list)) else str(value))
                              for name, value in args.items()]))


@dataclass(frozen=True)
class Sentence:
    """The explanation of one result, in no language yet: ``render("en")`` writes it."""

    parts: tuple[Phrase, ...]

    def render(self, language: Language = "zh") -> str:
        return "".join([part.render(language) for part in self.parts])

    def render_rows(self, language: Language) -> str | Rows:
        """The sentence of every row of a group of cells (one text when it is the same in all)."""
        templates: list[str] = []
        columns: list[Rows] = []
        for part in self.parts:  # one template for the whole sentence: one format per row, no joining of phrases
            template, rows = part.template(language, len(columns))
            templates.append(template)
            columns += rows
        whole = "".join(templates)
        return whole.format() if not columns else list(map(whole.format, *columns))

    def row(self, j: int) -> Sentence:
        return Sentence(tuple([part.row(j) for part in self.parts]))


@dataclass(frozen=True)
class Cells:
    """Results of one indicator in a group of regions (``rows``) explained together, with one phrase per
    argument: the status, whether the latest value is an estimate or part of a year (``flag``) and whether a
    左右 tolerance decided (``strict``) are the same in every row of the group, so one sentence shape fits all."""

    spec: IndicatorSpec
    res: Arrays
    rows: npt.NDArray[np.intp]
    status: str
    flag: int = 0  # EXPECTED, PARTIAL or 0 (final)
    strict: bool = True  # reached without the tolerance's help (or no tolerance)

    @staticmethod
    def of(spec: IndicatorSpec, res: Arrays, rows: npt.NDArray[np.intp], status: str) -> Cells:
        """A group whose flag and tolerance are its first row's."""
        r = int(rows[0])
        strictly = res.extra.get("strictly_met")
        return Cells(spec, res, rows, status, int(res.actual_flag[r]),
                     True if strictly is None else bool(strictly[r]))

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> npt.NDArray[Any]:
        """Result field ``name`` (actual, ratio…) in these rows."""
        values: npt.NDArray[Any] = getattr(self.res, name)[self.rows]
        return values

    def extra(self, name: str) -> npt.NDArray[Any]:
        """The kind's own result ``name`` (latest_rate, start_year…) in these rows."""
        values: npt.NDArray[Any] = self.res.extra[name][self.rows]
        return values

    def each(self, explain: Callable[..., Sentence], **conditions: npt.NDArray[np.bool_]) -> Pieces:
        """``explain(group, **flags)`` for each group of rows that agree on every condition: a kind's sentence
        branches on these, and within a group it has one shape."""
        if not conditions or len(self.rows) == 1:
            flags = {name: bool(values[0]) for name, values in conditions.items()}
            return [(self, explain(self, **flags))]
        key = np.zeros(len(self.rows), dtype=np.int64)
        for bit, values in enumerate(conditions.values()):
            key |= np.asarray(values, dtype=np.int64) << bit
        pieces: Pieces = []
        for k in np.unique(key).tolist():
            group = self if len(key) and (key == k).all() else replace(self, rows=self.rows[key == k])
            pieces.append((group, explain(group, **{name: bool(k >> bit & 1) for bit, name in enumerate(conditions)})))
        return pieces

    @property
    def years(self) -> npt.NDArray[np.int32]:
        return self.column("actual_year")

    @property
    def year(self) -> Rows:
        return whole(self.years)

    @property
    def first(self) -> str:
        return str(self.spec.base_year + 1)

    @property
    def rest_years(self) -> npt.NDArray[np.int64]:
        return self.spec.end_year - self.years.astype(np.int64)

    @property
    def rest(self) -> Rows:
        return whole(self.rest_years)

    def number(self, name: str, unit: str | None = None) -> Rows:
        """Result field ``name`` (actual, expected, ratio…) formatted with ``unit`` (the spec's)."""
        return fmt_many(self.column(name), self.spec.unit if unit is None else unit)

    @property
    def ratio(self) -> Rows:
        """The progress ratio as a percentage."""
        return fmt_many(self.column("ratio") * 100, "%")

    @property
    def a(self) -> Rows:
        return self.number("actual")

    @property
    def e(self) -> Rows:
        return self.number("expected")

    @property
    def note(self) -> Phrase | str:
        """（2022年为部分年度） when the latest value is an estimate or part of a year."""
        key = _FLAG_KEYS.get(self.flag)
        return phrase("note", year=self.year, flag=phrase(key)) if key else ""

    @property
    def target_level(self) -> npt.NDArray[np.float64]:
        """The end-year level the indicator is judged against (an increase 〔1〕 岁 from 77.3: 78.3)."""
        if "target_level" in self.res.extra:
            return self.extra("target_level").astype(np.float64)
        return np.full(len(self.rows), float(self.spec.target or 0.0))

    @property
    def target(self) -> Rows:
        """The end target as the plan writes it, in its unit (≥81.72岁, 3500亿元左右)."""
        spec = self.spec
        prefix = {"ge": "≥", "gt": "＞", "le": "≤", "lt": "＜"}.get(spec.comparator or "", "")
        suffix = "左右" if spec.comparator == "approx" else ""
        return [prefix + text + suffix for text in fmt_many(self.target_level, spec.unit)]

    def _tolerance(self, key: str) -> Phrase:
        """The ±5% of a 左右 target, and the bound it gives, in phrase ``key``."""
        spec, tol, t = self.spec, self.extra("tolerance").astype(np.float64), self.target_level
        bound = t * (1 - tol) if spec.direction == "higher" else t * (1 + tol)
        return phrase(key, t=fmt_many(t, spec.unit), target=self.target, tol=fmt_many(tol * 100, "%"),
                      bound=phrase("at_least" if spec.direction == "higher" else "at_most",
                                   x=fmt_many(bound, spec.unit)))

    @property
    def tolerance_note(self) -> tuple[Phrase, ...]:
        """When a 左右 tolerance and not the target itself decided that it is reached, the sentence says so."""
        if "strictly_met" not in self.res.extra or self.strict:
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
        gap = np.abs(self.column("actual").astype(np.float64) - self.target_level)
        return phrase("verdict_not_met", target=self.target, gap=fmt_many(gap, self.spec.unit))


Pieces = list[tuple[Cells, Sentence]]  # groups of rows, each with its sentence (lists: one text per row)


def one_row(explain: Callable[[Cells], Pieces]) -> Callable[[Cell], Sentence]:
    """A kind's sentence for one cell, from its sentences for groups of cells: one home for each wording."""
    def explain_cell(cell: Cell) -> Sentence:
        return explain(cell.group)[0][1].row(0)
    return explain_cell


@dataclass(frozen=True)
class Cell:
    """One indicator in one region, as the explanation sees it: the numbers already formatted in its unit (a kind
    registered with a sentence per cell reads these; the built-in kinds explain :class:`Cells` at once)."""

    spec: IndicatorSpec
    res: Arrays
    r: int
    status: str

    @property
    def group(self) -> Cells:
        """This cell as a group of one."""
        return Cells.of(self.spec, self.res, np.array([self.r], dtype=np.intp), self.status)

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
        note = self.group.note
        return note.row(0) if isinstance(note, Phrase) else note

    @property
    def target(self) -> str:
        """The end target as the plan writes it, in its unit (≥81.72岁, 3500亿元左右)."""
        return self.group.target[0]

    @property
    def target_level(self) -> float:
        """The end-year level the indicator is judged against (an increase 〔1〕 岁 from 77.3: 78.3)."""
        return float(self.group.target_level[0])

    @property
    def tolerance_note(self) -> tuple[Phrase, ...]:
        """When a 左右 tolerance and not the target itself decided that it is reached, the sentence says so."""
        return tuple(part.row(0) for part in self.group.tolerance_note)

    @property
    def verdict(self) -> Phrase:
        """At the end: reached, reached within the 左右 tolerance, or not reached (by how much, or against the
        tolerance's bound)."""
        return self.group.verdict.row(0)


def stale_rows(cells: Cells, held: bool) -> Phrase:
    """数据截至2021年: a 总结评估 on older data, judged by the projection to the end year (``held``: there is none,
    a relational target is judged on the years so far)."""
    if held:
        return phrase("stale_held", year=cells.year, verdict=phrase(cells.status))
    return phrase("stale", year=cells.year, end=cells.spec.end_year, p=cells.number("projection"),
                  verdict=phrase(cells.status))


def stale(cell: Cell) -> Phrase:
    """:func:`stale_rows` of one cell."""
    return stale_rows(cell.group, bool(math.isnan(cell.res.projection[cell.r]))).row(0)


def no_data(spec: IndicatorSpec, as_of: int) -> Sentence:
    return Sentence((phrase("no_data", first=spec.base_year + 1, as_of=as_of),))


def no_target_rows(cells: Cells, reported: bool) -> Sentence:
    """Nothing to judge against (or the target still to come): the latest value, if one is ``reported``."""
    trend = phrase("trend", a=cells.a, year=cells.year, note=cells.note) if reported else ""
    if cells.status == "target_pending":
        return Sentence((phrase("pending", note=cells.spec.reason, trend=trend),))
    # the no_target rule's own reason reads 未设定量化目标（…）; a kind set to no_target by hand keeps the reason of
    # the kind the row was read as, which the sentence then names as the target the plan's text gives
    reason = cells.spec.reason
    if not reason.startswith("未设定量化目标"):
        reason = "未设定量化目标" + (f"（{reason}）" if reason else "")
    return Sentence((phrase("no_target", reason=reason, trend=trend),))


def no_target(cell: Cell) -> Sentence:
    return no_target_rows(cell.group, bool(cell.year)).row(0)
