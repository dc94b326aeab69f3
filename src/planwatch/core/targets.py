"""Target expressions as Chinese plans write them, parsed into meaning.

==================  ==========================================  ==========================
written             meaning                                     parsed
==================  ==========================================  ==========================
``6.5``             a figure (年均增长 column: growth rate)       value 6.5, ``eq``
``25.92以上``       at least (预期性 floor)                       ``ge``
``≥98`` ``不低于``   at least                                      ``ge``
``＜4`` ``…以内``    below / at most (a ceiling)                  ``lt`` / ``le``
``50左右``          about 50 (tolerance is an evaluation setting) ``approx``
``5—10``            a range                                      ``range``, value_max 10
``[13.5]``          five-year cumulative (表注 "[ ]为五年累计数")  cumulative True
``〔13.5〕`` ``（6）``  the same in the national tables' brackets     cumulative True
``4.2①`` ``60.6*``   footnote marker, resolved by the table parser markers ("①",) / ("*",)
``＞7、力争…``       a hard target, then an aspiration in words    ``gt`` 7, aspiration "力争…"
``—``               no figure: unknown, never 0                   value None
``高于GDP增长``      relational: judged against another series     ``gt``, relative_to
``保持在合理区间``    no numeric target                             qualitative True
==================  ==========================================  ==========================

>>> parse_target("25.92以上").comparator
'ge'
>>> parse_target("[13.5] ②").canonical()
'[13.5]②'
>>> parse_target("—").value is None
True
>>> t = parse_target("＞7、力争投入强度高于“十三五”时期实际")
>>> (t.comparator, t.value, t.aspiration)
('gt', 7.0, '力争投入强度高于“十三五”时期实际')

A compound cell splits at its first 、，； only when what stands before it is a figure and what follows does
not start with one (``3,500`` stays an error, never 3 with "500" as words). ``what`` names the column in messages
(基期值, 目标值, 年均增长).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Literal

from .errors import TargetExpressionError
from .textnorm import CIRCLED, number_text

Comparator = Literal["eq", "ge", "gt", "le", "lt", "approx", "range"]
COMPARATORS: tuple[Comparator, ...] = ("eq", "ge", "gt", "le", "lt", "approx", "range")

UNKNOWN_MARKS = {"", "—", "——", "-", "--", "－", "/", "无", "N/A", "n/a", "…", "——/"}
_PREFIXES: list[tuple[str, Comparator]] = [
    ("不低于", "ge"), ("不少于", "ge"), ("至少", "ge"), ("≥", "ge"), (">=", "ge"), ("＞＝", "ge"),
    ("不高于", "le"), ("不超过", "le"), ("不多于", "le"), ("至多", "le"), ("≤", "le"), ("<=", "le"), ("＜＝", "le"),
    ("高于", "gt"), ("超过", "gt"), ("大于", "gt"), ("多于", "gt"), (">", "gt"), ("＞", "gt"),
    ("低于", "lt"), ("小于", "lt"), ("少于", "lt"), ("<", "lt"), ("＜", "lt"),
    ("大约", "approx"), ("约", "approx"), ("控制在", "le"), ("达到", "ge"),
]
_SUFFIXES: list[tuple[str, Comparator]] = [
    ("以上", "ge"), ("及以上", "ge"), ("以下", "le"), ("及以下", "le"), ("以内", "le"), ("之内", "le"),
    ("左右", "approx"),
]
_CANONICAL_PREFIX: dict[Comparator, str] = {"ge": "≥", "le": "≤", "gt": "＞", "lt": "＜"}
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_RANGE = re.compile(rf"^({_NUMBER})\s*(?:—|–|-|～|~|至|到)\s*({_NUMBER})$")
_SINGLE = re.compile(rf"^({_NUMBER})$")


@cache
def _relations() -> tuple[tuple[re.Pattern[str], Comparator], ...]:
    """A target relative to another figure (高于全国平均水平); compiled when a target without a figure is read,
    not at every start-up (issue #16)."""
    return ((re.compile(r"^(?:高于|快于|超过|大于)(.+)$"), "gt"),
            (re.compile(r"^(?:低于|慢于|小于)(.+)$"), "lt"),
            (re.compile(r"^(?:与|和|同)(.+?)(?:基本)?(?:同步|持平|相当)$"), "approx"))


_UNITS = ("%", "‰", "％")
# Marks that point to a note under the table, like ①: 带*的为2019年数据.
MARKS = CIRCLED + "*＊※#＃△▲"
# Bracket pairs around a five-year total: [ ] (Jinpu), 〔 〕 (national tables), ( ) (only around a figure).
_BRACKETS = {"[": "]", "［": "］", "【": "】", "〔": "〕", "(": ")", "（": "）"}
_COMPOUND = r"[、，,；;]"  # compiled (and kept by re) the first time a target is not read at once


@dataclass(frozen=True)
class TargetExpr:
    """A parsed target. ``value`` is None when the plan gives no figure (unknown, never 0)."""

    raw: str
    value: float | None = None
    value_max: float | None = None
    comparator: Comparator | None = None
    cumulative: bool = False
    markers: tuple[str, ...] = ()
    unit: str | None = None
    relative_to: str | None = None
    qualitative: bool = False
    aspiration: str | None = None  # the words after a hard target: ＞7、力争… → "力争…"

    @property
    def is_numeric(self) -> bool:
        return self.value is not None

    def canonical(self) -> str:
        """A normal written form; parsing it gives back the same meaning."""
        if self.relative_to is not None:
            core = {"gt": "高于", "lt": "低于"}.get(self.comparator or "", "与") + self.relative_to
            if self.comparator == "approx":
                core += "同步"
        elif self.value is None:
            core = self.raw_text_without_markers() if self.qualitative else "—"
        else:
            unit = self.unit or ""
            if self.comparator == "range":
                upper = self.value_max if self.value_max is not None else self.value  # 0 is a bound, not "none"
                core = f"{format_number(self.value)}—{format_number(upper)}{unit}"
            elif self.comparator in _CANONICAL_PREFIX:
                core = _CANONICAL_PREFIX[self.comparator] + format_number(self.value) + unit
            elif self.comparator == "approx":
                core = f"{format_number(self.value)}{unit}左右"
            else:
                core = format_number(self.value) + unit
        if self.cumulative:
            core = f"[{core}]"
        core += "".join(self.markers)
        return f"{core}、{self.aspiration}" if self.aspiration else core

    def raw_text_without_markers(self) -> str:
        return "".join(ch for ch in self.raw if ch not in MARKS).strip()

    def meaning(self) -> tuple[object, ...]:
        """Everything but the raw text: what round-trip tests compare."""
        return (self.value, self.value_max, self.comparator, self.cumulative, self.markers,
                self.unit, self.relative_to, self.qualitative, self.aspiration)


def format_number(value: float) -> str:
    """Shortest plain decimal text for a value (no exponent), e.g. 25.92, 5, -9, 0.005, 1e-07 → 0.0000001."""
    text = repr(value)
    if type(value) is not float or "e" in text or "n" in text:  # an exponent, inf, nan, an int or numpy scalar
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _shown(raw: object) -> str:
    """The cell as quoted in a message: at most 40 characters, so that a message stays one short line."""
    text = str(raw)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _to_float(text: str, raw: str, what: str = "目标值") -> float:
    try:
        value = float(Decimal(text))
    except (InvalidOperation, ValueError) as exc:  # pragma: no cover - the regexes only pass numbers
        raise TargetExpressionError(f"{what}无法识别：{_shown(raw)}") from exc
    if not math.isfinite(value) or abs(value) > 1e15:
        raise TargetExpressionError(f"{what}超出合理范围：{_shown(raw)}")
    return value


def parse_target(raw: str, what: str = "目标值") -> TargetExpr:
    """Parse one target cell or phrase. Raises TargetExpressionError for figures in no known form.

    ``what`` names the cell in messages: a baseline is a 基期值, never a 目标值."""
    if not isinstance(raw, str):
        raise TargetExpressionError(f"{what}必须是文本：{_shown(raw)}")
    text = number_text(raw).replace("\u3000", " ").strip()
    markers = tuple(ch for ch in text if ch in MARKS)
    text = "".join(ch for ch in text if ch not in MARKS).strip()
    text = re.sub(r"\s+", "", text)
    base = TargetExpr(raw=raw, markers=markers)
    try:
        return _parse(text, base, what)
    except TargetExpressionError:
        for sep in re.finditer(_COMPOUND, text):  # ＞7、力争…: the hard target, then the aspiration in words
            head, tail = text[:sep.start()], text[sep.end():]
            if not tail or re.match(r"[-+.\d]", tail):
                continue
            try:
                first = _parse(head, base, what)
            except TargetExpressionError:
                break
            if first.value is not None:
                return replace(first, aspiration=tail)
            break
        raise


def stored_target(raw: str, what: str = "目标值") -> TargetExpr:
    """A target cell kept as written: parsed, or — when it fits no form (the reader warned about it when it was
    read) — its raw text with no figure, as the table reader keeps it."""
    try:
        return parse_target(raw, what)
    except TargetExpressionError:
        return TargetExpr(raw=raw)


def _parse(text: str, base: TargetExpr, what: str) -> TargetExpr:
    """``text`` (markers and spaces removed) into ``base``, which holds the raw text and the markers."""
    raw = base.raw
    opening = text[:1]
    if opening in _BRACKETS and len(text) >= 2 and text.endswith(_BRACKETS[opening]) and \
            (opening not in "(（" or re.search(r"\d", text)):  # （人） is words; （6） a five-year total
        base, text = replace(base, cumulative=True), text[1:-1].strip()
    if text in UNKNOWN_MARKS:
        if base.cumulative and not text:
            raise TargetExpressionError(f"累计{what}中缺少数值：{_shown(raw)}")
        return base
    if not re.search(r"\d", text):
        for pattern, relation in _relations():
            m = pattern.match(text)
            if m and m.group(1).strip("的 "):
                return replace(base, comparator=relation, relative_to=m.group(1).strip("的 "))
        return replace(base, qualitative=True)

    prefix: Comparator | None = None
    for word, word_comparator in _PREFIXES:
        if text.startswith(word):
            prefix, text = word_comparator, text[len(word):]
            break
    suffix: Comparator | None = None
    for word, word_comparator in sorted(_SUFFIXES, key=lambda s: -len(s[0])):
        if text.endswith(word):
            suffix, text = word_comparator, text[: -len(word)]
            break
    unit = None
    for u in _UNITS:
        if text.endswith(u):
            unit, text = "%" if u == "％" else u, text[: -len(u)]
            break
    if prefix and suffix and prefix != suffix:
        raise TargetExpressionError(f"{what}前后限定词矛盾：{_shown(raw)}")
    comparator = prefix or suffix
    m = _RANGE.match(text)
    if m:
        low, high = _to_float(m.group(1), raw, what), _to_float(m.group(2), raw, what)
        if comparator is not None or low > high:
            raise TargetExpressionError(f"区间{what}无法识别：{_shown(raw)}")
        return replace(base, value=low, value_max=high, comparator="range", unit=unit)
    m = _SINGLE.match(text)
    if not m:
        raise TargetExpressionError(f"{what}无法识别：{_shown(raw)}")
    return replace(base, value=_to_float(m.group(1), raw, what), comparator=comparator or "eq", unit=unit)
