"""Lineage (指标承接): which indicators of an old plan continue in its successor, which are new, which were dropped.

Both sides are plans as :func:`~planwatch.core.extract.extract_plan` reads them (a plan document or an indicator
table). Their *measures* are the rows of the main-indicator table; when either side has no readable table (the
13th FYP's is an image), each side's quantitative commitments in the text (正文量化目标) are measures too, a
commitment counting once per normalised name and never when the table has that name.

A pair is found by the first of these rules, tried in order over all measures (each rule pairs what the rules
before it left over, one to one, in table order):

1. ``same_name`` 名称相同 — equal as :func:`planwatch.core.indicator_names.name_key` compares names (the printed
   number, a unit in brackets, footnote marks, punctuation and width do not count; 增速 is 增长);
2. ``normalised`` 规范化后名称相同 — equal after also removing brackets that restate a unit or a Latin
   abbreviation (``（%）``, ``（GDP）``, ``（PM2.5）``), a leading statistical scope (地级及以上城市, 全社会,
   全国/全省/全市/全区) and a trailing 提高 (a target given as an increase of the same measure); 增长率 reads as 增长;
3. ``synonym`` 同义名称 — equal after replacing known synonyms (:data:`SYNONYMS`: 国内生产总值/GDP → 地区生产总值,
   常住居民 → 居民, 能耗 → 能源消耗…); whole-name equivalences that change the statistical 口径
   (:data:`NAME_EQUIVALENTS`, e.g. 地表水达到或好于Ⅲ类水体比例 = 优良水体比例) pair as well but ask for confirmation;
4. ``qualifier`` 去掉括注后名称相同 — equal once a Chinese qualifier in brackets is dropped (执业（助理）医师 →
   执业医师): the 口径 may have narrowed, so confirmation is asked;
5. ``similar`` 单位相同且名称相近 — units of one dimension and a name similarity (difflib ratio of the rule-4 names)
   of at least :data:`SIMILARITY`, both names at least :data:`MIN_SIMILAR_LENGTH` characters long; the
   best-scoring pairs first; confirmation asked.

A measured sub-row of a merged item (``每千人口拥有医护人员数：执业医师数``) is matched by the name it stands for:
the item's per-head qualifier before the sub-name (``每千人口拥有执业医师数``).

Units are never compared silently: a pair's units are the same, converted (:func:`planwatch.core.units.convert`,
with the old target restated in the new unit), or flagged ``mismatch``. Where the new table has no baseline, the
old plan's final value (from its observations, when given) is carried over as the new baseline, in the new unit. A pair whose targets are of different
families (期末水平 against 年均增速) carries a note saying so.

Every reason, unit message and note is built once as a phrase key with its arguments (:data:`PHRASES`, one table
per language, as in :mod:`planwatch.core.explain`) and rendered in Chinese (the default: the text output and the
``reason``/``notes`` of the JSON) or English (``reason_en``/``notes_en``; the web page in English). A pair that
continues exactly — the same name and the same unit, nothing to confirm — is :attr:`Pair.exact`.

>>> normalised_name("1.国内生产总值（GDP）增长（%）")
'国内生产总值增长'
>>> normalised_name("3岁以下婴幼儿入托率提高")
'3岁以下婴幼儿入托率'
>>> synonym_name("数字经济核心产业增加值占GDP比重") == synonym_name("数字经济核心产业增加值占地区生产总值比重")
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import PlanwatchError, UnitMismatchError
from .explain import Language
from .indicator_names import name_key
from .kinds import KINDS, infer_spec
from .model import Indicator, Plan
from .observations import ObservationTable
from .series import PARTIAL
from .target_words import indicator_in_words
from .targets import TargetExpr, format_number
from .textnorm import CJK
from .units import convert, dimension

Rule = Literal["same_name", "normalised", "synonym", "qualifier", "similar"]
RULE_LABELS: dict[Rule, str] = {
    "same_name": "名称相同", "normalised": "规范化后名称相同", "synonym": "同义名称",
    "qualifier": "去掉括注后名称相同", "similar": "单位相同且名称相近"}
RULES: tuple[Rule, ...] = tuple(RULE_LABELS)
RULE_LABELS_EN: dict[Rule, str] = {
    "same_name": "same name", "normalised": "same name once normalised", "synonym": "synonymous name",
    "qualifier": "same name without the bracketed qualifier", "similar": "same unit and a similar name"}
# a phrase: its key in PHRASES and its arguments (already text: numbers formatted as the plan writes them)
Phrase = tuple[str, tuple[tuple[str, str], ...]]
PHRASES: dict[Language, dict[str, str]] = {
    "zh": {**dict[str, str](RULE_LABELS.items()), "similarity": "（相似度{similarity}）", "no_unit": "无单位",
           "converted": "单位已换算：1{old_unit} = {factor}{new_unit}",
           "mismatch": "单位不同且无法换算：{old_unit} 与 {new_unit}，新旧数值未作比较",
           "renamed": "名称已更改，统计口径由管理员确认", "qualifier_note": "括注{brackets}不同，统计口径可能变化",
           "families": "目标类型不同（{old_family}→{new_family}），新旧目标不直接比较",
           "restated": "原目标{target}折合{value}{unit}",
           "carried": "新表无基期值，以旧规划{year}年实际值{value}{unit}作为基期值",
           "carried_source": "新表无基期值，以旧规划{year}年实际值（{source}）{value}{unit}作为基期值",
           "with_text": "至少一方没有可读的主要指标表，正文中的量化目标（标“正文”）一并比较",
           "期末水平": "期末水平", "年均增速": "年均增速", "五年累计": "五年累计", "累计提高": "累计提高"},
    "en": {**dict[str, str](RULE_LABELS_EN.items()), "similarity": " (similarity {similarity})", "no_unit": "no unit",
           "converted": "unit converted: 1 {old_unit} = {factor} {new_unit}",
           "mismatch": "different units that do not convert: {old_unit} and {new_unit}; the old and new figures are "
                       "not compared",
           "renamed": "the name has changed; the administrator confirms the statistical definition",
           "qualifier_note": "the bracketed qualifier {brackets} differs; the statistical definition may have changed",
           "families": "different kinds of target ({old_family} → {new_family}); the old and new targets are not "
                       "compared directly",
           "restated": "the old target “{target}” is {value} {unit}",
           "carried": "the new table has no baseline: the old plan's actual value for {year}, {value} {unit}, is "
                      "the baseline",
           "carried_source": "the new table has no baseline: the old plan's actual value for {year} ({source}), "
                             "{value} {unit}, is the baseline",
           "with_text": "at least one side has no readable main-indicator table: the quantified targets in the text "
                        "(marked 正文) are compared as well",
           "期末水平": "a level to reach", "年均增速": "an average yearly rate", "五年累计": "a five-year total",
           "累计提高": "a cumulative increase"},
}
_TRANSLATED_ARGS = ("old_family", "new_family")  # arguments that are themselves phrase keys (target families)


def render(phrase: Phrase, language: Language = "zh") -> str:
    """A phrase in a language.

    >>> render(("converted", (("old_unit", "亿吨"), ("factor", "0.2"), ("new_unit", "万亿斤"))), "en")
    'unit converted: 1 亿吨 = 0.2 万亿斤'
    """
    table = PHRASES[language]
    key, args = phrase
    return table[key].format(**{k: table.get(v, v) if k in _TRANSLATED_ARGS else v for k, v in args})
UnitStatus = Literal["same", "converted", "mismatch"]
SIMILARITY = 0.75  # 学前三年毛入园率 ~ 学前教育毛入园率 (0.75) pairs; 城镇调查失业率 ~ 城镇登记失业率 (0.71) does not
MIN_SIMILAR_LENGTH = 6  # a shorter name (排放总量) is too generic to pair by similarity

# word → its canonical form (longest first when applied); each keeps the measure, only the name differs
SYNONYMS: dict[str, str] = {
    "国内生产总值": "地区生产总值", "GDP": "地区生产总值", "常住居民": "居民", "能耗": "能源消耗",
    "研究与试验发展经费": "研发经费", "R&D经费": "研发经费", "PM2.5": "细颗粒物",
}
# whole names that one plan period renamed and whose 口径 the administrator must confirm
NAME_EQUIVALENTS: dict[str, str] = {"地表水达到或好于Ⅲ类水体比例": "优良水体比例"}
_SCOPES = ("地级及以上城市", "地级以上城市", "全社会", "全国", "全省", "全市", "全区", "全县")
_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]")
_LATIN = re.compile(r"^[A-Za-z0-9.&\s]+$")
_HAS_CJK = re.compile(f"[{CJK}]")
_PER_HEAD = re.compile(r"^(每[十百千万]+(?:人口|人)(?:拥有)?|人均)")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _is_unit(text: str) -> bool:
    return dimension(text) != text or text in ("%", "‰")


def _brackets(name: str, keep_qualifiers: bool) -> str:
    """Drop brackets that restate a unit or an abbreviation; keep (or drop) Chinese qualifiers' words."""
    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if not inner or _LATIN.match(inner) or _is_unit(inner) or not _HAS_CJK.search(inner):
            return ""
        return inner if keep_qualifiers else ""
    return _BRACKET.sub(repl, name)


def normalised_name(name: str) -> str:
    """Rule 2's name: marks, ordinals, unit and abbreviation brackets, scope words and a trailing 提高 removed."""
    text = name_key(_brackets(_nfkc(name), keep_qualifiers=True))
    for scope in _SCOPES:
        if text.startswith(_nfkc(scope)) and len(text) > len(scope) + 1:
            text = text[len(scope):]
            break
    text = re.sub(r"(增长率|增速)$", "增长", text)
    return re.sub(r"提高(幅度)?$", "", text)


_SYNONYMS = sorted(((_nfkc(a), _nfkc(b)) for a, b in SYNONYMS.items()), key=lambda ab: -len(ab[0]))
_EQUIVALENTS = {normalised_name(a): normalised_name(b) for a, b in NAME_EQUIVALENTS.items()}


def synonym_name(name: str) -> str:
    """Rule 3's name: the normalised name with known synonyms replaced."""
    text = _brackets(_nfkc(name), keep_qualifiers=True)  # （GDP） first, or it would read 地区生产总值 twice
    for word, canonical in _SYNONYMS:
        text = text.replace(word, canonical)
    return normalised_name(text)


def _qualifier_free(name: str) -> str:
    """Rule 4's name: rule 3's, with the words of Chinese qualifiers in brackets dropped as well."""
    return synonym_name(_brackets(_nfkc(name), keep_qualifiers=False))


@dataclass(frozen=True)
class Measure:
    """One indicator of one side: a table row, or a commitment in the text standing for one."""

    key: str  # the number as printed (10.1), or 正文N for a commitment
    name: str  # as printed
    unit: str
    indicator: Indicator
    source: Literal["table", "text"] = "table"
    family: str | None = None  # the target family of its kind (期末水平, 年均增速, 五年累计…), tables only
    match_name: str = ""  # the name it is matched by (a sub-row's full meaning), default ``name``

    @property
    def matched(self) -> str:
        """The name this measure is matched by."""
        return self.match_name or self.name

    @property
    def label(self) -> str:
        unit = f"（{self.unit}）" if self.unit else ""
        where = "" if self.source == "table" else "［正文］"
        return f"{self.key} {self.name}{unit}{where}"

    @property
    def target_words(self) -> str:
        if self.source == "text":
            return self.indicator.target.raw
        return indicator_in_words(self.indicator)

    def as_dict(self) -> dict[str, Any]:
        ind = self.indicator
        return {"key": self.key, "name": self.name, "unit": self.unit, "source": self.source,
                "attribute": {"expected": "预期性", "binding": "约束性"}.get(ind.attribute or "", None),
                "baseline_year": ind.baseline_year, "baseline": ind.baseline_value, "baseline_raw": ind.baseline_raw,
                "target_year": ind.target_year, "target": self.target_words, "family": self.family}


@dataclass(frozen=True)
class UnitCheck:
    """How the two units of a pair relate; ``factor`` converts an old value into the new unit."""

    status: UnitStatus
    old_unit: str
    new_unit: str
    factor: float | None = None

    @property
    def message(self) -> str:
        return self.message_in("zh")

    def message_in(self, language: Language) -> str:
        if self.status == "same":
            return ""
        if self.status == "converted":
            assert self.factor is not None
            return render(("converted", (("old_unit", self.old_unit), ("factor", format_number(self.factor)),
                                         ("new_unit", self.new_unit))), language)
        none = PHRASES[language]["no_unit"]
        return render(("mismatch", (("old_unit", self.old_unit or none), ("new_unit", self.new_unit or none))),
                      language)


@dataclass(frozen=True)
class Pair:
    """An old measure continued by a new one, with the rule that paired them."""

    old: Measure
    new: Measure
    rule: Rule
    confirm: bool  # the administrator should confirm that the 口径 is the same
    units: UnitCheck
    similarity: float | None = None
    phrases: tuple[Phrase, ...] = ()  # the notes, as phrases (:attr:`notes` in Chinese, :meth:`notes_in`)
    old_target_in_new_unit: float | None = None  # the old target figure restated in the new unit, when convertible
    carried_baseline: float | None = None  # the old plan's final value as the new baseline (new table has none)
    carried_from: str = ""  # where that value comes from: 2025年实际值（source）

    @property
    def reason(self) -> str:
        """Why the two were paired, in Chinese (the rule's label, with the similarity for ``similar``)."""
        return self.reason_in("zh")

    def reason_in(self, language: Language) -> str:
        text = PHRASES[language][self.rule]
        if self.rule == "similar" and self.similarity is not None:
            text += render(("similarity", (("similarity", f"{self.similarity:.2f}"),)), language)
        return text

    @property
    def notes(self) -> tuple[str, ...]:
        return self.notes_in("zh")

    def notes_in(self, language: Language) -> tuple[str, ...]:
        return tuple(render(p, language) for p in self.phrases)

    @property
    def exact(self) -> bool:
        """An exact continuation: the same name (rule 1) in the same unit, with nothing to confirm."""
        return self.rule == "same_name" and self.units.status == "same" and not self.confirm

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old.as_dict(), "new": self.new.as_dict(), "rule": self.rule, "reason": self.reason,
                "reason_en": self.reason_in("en"), "exact": self.exact,
                "confirm": self.confirm, "similarity": self.similarity,
                "units": {"status": self.units.status, "old": self.units.old_unit, "new": self.units.new_unit,
                          "factor": self.units.factor, "message": self.units.message,
                          "message_en": self.units.message_in("en")},
                "old_target_in_new_unit": self.old_target_in_new_unit, "carried_baseline": self.carried_baseline,
                "carried_from": self.carried_from, "notes": list(self.notes), "notes_en": list(self.notes_in("en"))}


@dataclass(frozen=True)
class Side:
    title: str
    path: str
    period: tuple[int | None, int | None]
    measures: tuple[Measure, ...]
    with_text: bool  # commitments in the text count as measures

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "path": self.path, "base_year": self.period[0], "end_year": self.period[1],
                "measures": len(self.measures), "with_text": self.with_text}


@dataclass(frozen=True)
class Lineage:
    """The pairing of an old plan's measures with a new one's."""

    old: Side
    new: Side
    continued: tuple[Pair, ...]
    added: tuple[Measure, ...]
    dropped: tuple[Measure, ...]
    phrases: tuple[Phrase, ...] = field(default=())

    @property
    def notes(self) -> tuple[str, ...]:
        return self.notes_in("zh")

    def notes_in(self, language: Language) -> tuple[str, ...]:
        return tuple(render(p, language) for p in self.phrases)

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old.as_dict(), "new": self.new.as_dict(),
                "continued": [p.as_dict() for p in self.continued], "new_indicators": [m.as_dict() for m in self.added],
                "dropped": [m.as_dict() for m in self.dropped], "rules": dict(RULE_LABELS),
                "rules_en": dict(RULE_LABELS_EN), "notes": list(self.notes), "notes_en": list(self.notes_in("en"))}

    def text(self) -> str:
        def period(side: Side) -> str:
            a, b = side.period
            return f"{a}—{b}年" if a and b else "规划期不详"

        lines = [(f"指标承接关系：{self.old.title}（{period(self.old)}，{len(self.old.measures)}项）"
                 f" → {self.new.title}（{period(self.new)}，{len(self.new.measures)}项）"), ""]
        lines.append(f"延续 {len(self.continued)} 项：")
        for p in self.continued:
            extra = [p.reason] + ([p.units.message] if p.units.message else []) + list(p.notes)
            flag = "［需核对口径］" if p.confirm else ""
            lines.append(f"  {p.old.label} → {p.new.label}：{'；'.join(extra)}{flag}")
        lines.append(f"新增 {len(self.added)} 项：")
        lines += [f"  {m.label}" for m in self.added]
        lines.append(f"取消 {len(self.dropped)} 项：")
        lines += [f"  {m.label}" for m in self.dropped]
        lines += ["", *(f"说明：{n}" for n in self.notes),
                  "说明：配对规则依次为" + "、".join(RULE_LABELS.values()) + "（见 docs/lineage.md）；"
                  "标“需核对口径”的由管理员确认。"]
        return "\n".join(lines) + "\n"


def _commitment_indicator(no: int, subject: str, unit: str, quantity: str, value: float,
                          deadline: int | None) -> Indicator:
    return Indicator(no=no, category="正文", name=subject, unit=unit, baseline_year=None, baseline_value=None,
                     baseline_raw="", target_year=deadline, target=TargetExpr(raw=quantity, value=value),
                     growth=TargetExpr(raw=""), attribute=None)


def _match_name(ind: Indicator) -> str:
    """A sub-row ``A：B`` stands for B with A's per-head qualifier (每千人口拥有医护人员数：执业医师数 → 每千人口拥有执业医师数)."""
    head, sep, sub = ind.name.partition("：")
    if sep and sub and (m := _PER_HEAD.match(head)):
        return m.group(1) + sub
    return ind.name


def plan_measures(plan: Plan, with_text: bool) -> tuple[Measure, ...]:
    """The measures of one plan: its table rows, and (``with_text``) its commitments not already in the table."""
    base, end = plan.plan_years
    out: list[Measure] = []
    for ind in plan.indicators:
        family = None
        if base and end:
            family = KINDS[infer_spec(ind, base, end).kind].target_family
        out.append(Measure(ind.display_no, ind.name, ind.unit, ind, "table", family, _match_name(ind)))
    if with_text:
        seen = {synonym_name(m.matched) for m in out}
        for k, c in enumerate(plan.commitments, start=1):
            key = synonym_name(c.subject)
            if not key or key in seen:
                continue
            seen.add(key)
            ind = _commitment_indicator(k, c.subject, c.unit, c.quantity, c.value, c.deadline)
            out.append(Measure(f"正文{k}", c.subject, c.unit, ind, "text", None, c.subject))
    return tuple(out)


def _unit_check(old: Measure, new: Measure) -> tuple[UnitCheck, float | None]:
    a, b = old.unit.strip(), new.unit.strip()
    target = old.indicator.target.value
    if a == b:
        return UnitCheck("same", a, b), target
    try:
        factor = convert(1.0, a, b)
    except UnitMismatchError:
        return UnitCheck("mismatch", a, b), None
    if dimension(a) == a:  # two unknown units that merely differ in spelling never convert
        return UnitCheck("mismatch", a, b), None
    return UnitCheck("converted", a, b, factor), None if target is None else convert(target, a, b)


def _renamed(rule: Rule, old: Measure, new: Measure) -> bool:
    """Paired by a whole-name equivalence (:data:`NAME_EQUIVALENTS`), in either direction."""
    return rule == "synonym" and any(normalised_name(m.matched) in _EQUIVALENTS for m in (old, new))


def _pair(old: Measure, new: Measure, rule: Rule, confirm: bool, similarity: float | None = None) -> Pair:
    units, restated = _unit_check(old, new)
    notes: list[Phrase] = []
    if _renamed(rule, old, new):
        notes.append(("renamed", ()))
    if rule == "qualifier":
        dropped = "、".join(m.group(0) for m in _BRACKET.finditer(old.name + new.name) if _HAS_CJK.search(m.group(1))
                           and not _is_unit(m.group(1)))
        notes.append(("qualifier_note", (("brackets", dropped),)))
    if old.family and new.family and old.family != new.family:
        notes.append(("families", (("old_family", old.family), ("new_family", new.family))))
    if units.status == "converted" and restated is not None:
        notes.append(("restated", (("target", old.target_words), ("value", format_number(round(restated, 6))),
                                   ("unit", new.unit))))
    return Pair(old, new, rule, confirm, units, similarity, tuple(notes), restated)


def _rule_key(rule: Rule, name: str) -> str:
    if rule == "same_name":
        return name_key(name)
    if rule == "normalised":
        return normalised_name(name)
    if rule == "synonym":
        return _EQUIVALENTS.get(normalised_name(name), synonym_name(name))
    return _qualifier_free(name)


def _same_dimension(a: str, b: str) -> bool:
    return a.strip() == b.strip() or dimension(a) == dimension(b) and dimension(a) != a.strip()


def pair_measures(old: Sequence[Measure], new: Sequence[Measure]) -> tuple[list[Pair], list[Measure], list[Measure]]:
    """(continued, new, dropped): the rules of the module docstring, each over what the earlier ones left."""
    pairs: dict[int, Pair] = {}  # old position → pair
    taken: set[int] = set()  # new positions paired
    for rule in RULES[:-1]:
        free: dict[str, list[int]] = {}
        for j, m in enumerate(new):
            if j not in taken:
                free.setdefault(_rule_key(rule, m.matched), []).append(j)
        for i, m in enumerate(old):
            if i in pairs:
                continue
            candidates = free.get(_rule_key(rule, m.matched))
            if not candidates:
                continue
            j = candidates.pop(0)
            taken.add(j)
            pairs[i] = _pair(m, new[j], rule, rule == "qualifier" or _renamed(rule, m, new[j]))
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(old):
        if i in pairs:
            continue
        for j, b in enumerate(new):
            x, y = _qualifier_free(a.matched), _qualifier_free(b.matched)
            if j in taken or min(len(x), len(y)) < MIN_SIMILAR_LENGTH or not _same_dimension(a.unit, b.unit):
                continue
            ratio = difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
            if ratio >= SIMILARITY:
                scored.append((ratio, i, j))
    for ratio, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i not in pairs and j not in taken:
            taken.add(j)
            pairs[i] = _pair(old[i], new[j], "similar", True, round(ratio, 3))
    continued = [pairs[i] for i in sorted(pairs)]
    added = [m for j, m in enumerate(new) if j not in taken]
    dropped = [m for i, m in enumerate(old) if i not in pairs]
    return continued, added, dropped


@dataclass(frozen=True)
class FinalValue:
    """An old indicator's value in the old plan's end year, with its source (from its observations)."""

    year: int
    value: float
    source: str = ""


def table_region(table: ObservationTable, region: str | None) -> str | None:
    """The region whose values count: the one named (it must be in the data), else the only one there is."""
    if region is None and len(table.regions) > 1:
        raise PlanwatchError(f"数据含多个地区（{'、'.join(table.regions[:10])}），请用 --region 指定")
    name = region or (table.regions[0] if table.regions else None)
    if name is not None and name not in table.regions:
        raise PlanwatchError(f"数据中没有地区“{name}”（现有：{'、'.join(table.regions[:10])}）")
    return name


def final_values(table: ObservationTable, year: int, region: str | None = None) -> dict[int, FinalValue]:
    """Indicator ``no`` → its full-year (or 预计) value in ``year`` for the region, as :mod:`planwatch.core.series`
    chooses it; a part-year value never stands for the year."""
    name = table_region(table, region)
    chosen = table.chosen()
    out: dict[int, FinalValue] = {}
    for k in range(len(chosen)):
        if int(chosen.year[k]) == year and chosen.flag[k] != PARTIAL and name is not None and \
                chosen.regions[chosen.region[k]] == name:
            out[int(chosen.indicator[k])] = FinalValue(year, float(chosen.value[k]),
                                                       chosen.sources[chosen.source[k]])
    return out


def carry_baselines(pairs: Sequence[Pair], finals: Mapping[int, FinalValue]) -> list[Pair]:
    """Each pair whose new indicator has no baseline gets the old indicator's final value (by the old ``no``),
    restated in the new unit; a value in a unit that does not convert is not carried (it would be compared
    silently)."""
    out = []
    for p in pairs:
        final = finals.get(p.old.indicator.no) if p.old.source == "table" else None
        if final is None or p.new.indicator.baseline_value is not None or p.units.status == "mismatch":
            out.append(p)
            continue
        value = convert(final.value, p.old.unit, p.new.unit) if p.units.status == "converted" else final.value
        where = f"{final.year}年实际值" + (f"（{final.source}）" if final.source else "")
        args = (("year", str(final.year)), *((("source", final.source),) if final.source else ()),
                ("value", format_number(round(value, 6))), ("unit", p.new.unit))
        note: Phrase = ("carried_source" if final.source else "carried", args)
        out.append(replace(p, carried_baseline=value, carried_from=where, phrases=(*p.phrases, note)))
    return out


def lineage(old: Plan, new: Plan, old_name: str = "", new_name: str = "",
            finals: Mapping[int, FinalValue] | None = None) -> Lineage:
    """The lineage from ``old`` to ``new``; ``*_name`` label a side that has no title (an indicator table);
    ``finals`` (old indicator ``no`` → its value in the old plan's end year) fill the new baselines the new table
    lacks (:func:`carry_baselines`)."""
    with_text = not old.indicators or not new.indicators
    sides = []
    for plan, name in ((old, old_name), (new, new_name)):
        measures = plan_measures(plan, with_text)
        label = plan.title or name or plan.source.path
        if not measures:
            raise PlanwatchError(f"{label}: 没有主要指标表，正文中也没有量化目标，无法比较指标承接关系")
        sides.append(Side(label, plan.source.path, plan.plan_years, measures, with_text))
    continued, added, dropped = pair_measures(sides[0].measures, sides[1].measures)
    if finals:
        continued = carry_baselines(continued, finals)
    notes: tuple[Phrase, ...] = (("with_text", ()),) if with_text else ()
    return Lineage(sides[0], sides[1], tuple(continued), tuple(added), tuple(dropped), notes)

