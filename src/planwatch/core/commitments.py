"""Quantitative, forward-looking commitments written in the text and the 专栏.

``到2025年，全区新增品牌连锁便利店达到150家以上`` → value 150, unit 家, comparator ge, deadline 2025.

A figure with a unit is a commitment when (1) the clause around it says what is to be achieved —
a cue in the clause such as 达到 / 新增 / 下降 / 降至 / 稳定在 / 每年 …, or a comparator on a figure in it
(不低于…, 200 km²以上; not 万标箱以上, which is a class of ship) — and (2) the sentence looks forward: it is
not in a review or environment section and does not describe the past (``“十三五”时期…增长4.7%``; a
comparison with the past, ``高于“十三五”时期实际``, is not a description of it).

Units are an open grammar, not a list: ``[magnitude] base [qualifier] [/ [number] [magnitude] base]``, with
magnitudes 百 … 万亿 (``1.45万亿斤`` is 1.45 in 万亿斤, ``17.5亿亩`` 17.5 in 亿亩), a measure word or unit of
measurement as base (斤, 亩, 立方米, 微克, 千瓦时 …: ``BASE_UNITS``, the one list to extend; "any character after a
figure" was tried and reads 6大, 500万以, 21世), qualifiers such as 标准煤 (``亿吨标准煤``), a denominator
(``微克/立方米``, ``万元/人``, ``12/10万`` is 12 per 10万), or a ratio or share (%, ‰, 个百分点, 倍, ∶1).
``翻一番`` is 2 倍 and ``翻两番`` 4 倍.

``A、B和C分别降为7.5‰、9.5‰、18/10万`` gives one commitment per subject, each with its own value (one value
for several subjects is shared; ``3个和4个百分点`` both are 个百分点). A subject head written once at the end is
shared (``化学需氧量和氨氮排放总量`` → 化学需氧量排放总量, 氨氮排放总量).

Specifications are not commitments: a figure that says which things are meant rather than how many are to be
achieved — ``时速200公里及以上``, ``日产5000吨及以上的``, ``居住5年以上``, ``300万以下的城市``, ``1小时通勤圈``.
Years, ordinals (第3), codes and names (5G, G202, 13号线, 8万吨级, km²) are not figures. Without a deadline in
its sentence, a commitment is due at the end of the plan period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .model import Commitment, Node
from .numerals import to_chinese_number
from .targets import Comparator
from .textnorm import number_text

MAGNITUDES = ("万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千", "百")
# measure words and units of measurement: the base of a unit (a magnitude goes before, 万 + 亩 = 万亩)
BASE_UNITS = (
    "元", "美元", "欧元", "港元",
    "人次", "人", "户", "家", "个月", "个", "所", "座", "条", "项", "件", "台", "套", "张", "处", "名", "支", "艘",
    "栋", "间", "颗", "辆", "床", "批", "次", "株", "棵", "宗", "标准箱",
    "平方公里", "平方千米", "平方米", "公顷", "亩", "公里", "千米", "厘米", "毫米", "米", "km",
    "立方米", "升", "毫升",
    "千克", "公斤", "毫克", "微克", "克", "斤", "吨",
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "千伏", "伏",
    "岁", "年", "天", "小时", "分钟",
)
QUALIFIERS = ("标准煤", "标煤", "油当量", "当量")
_ALT = "|".join
_MAG = f"(?:{_ALT(MAGNITUDES)})"
_BASE = f"(?:{_ALT(re.escape(u) for u in sorted(BASE_UNITS, key=len, reverse=True))})"
# /5万人, /万元, /人: one copy of the base units instead of three (compiling each copy cost millions of
# instructions at every start-up); (?<!/) refuses a bare "/", as the three alternatives did
_DENOM = rf"/\d*{_MAG}?{_BASE}?(?<!/)"
UNIT = (rf"(?:个百分点|百分点|%|％|‰|倍|[∶:]1|{_MAG}?{_BASE}(?:{_ALT(QUALIFIERS)})?(?:{_DENOM})?"
        rf"|/\d*{_MAG}{_BASE}?|{_MAG})")
_NUM = r"\d+(?:\.\d+)?"
_PREFIX_COMPARATOR: dict[str, Comparator] = {
    "不低于": "ge", "不少于": "ge", "至少": "ge", "达到": "ge", "达": "ge", "提高到": "ge", "提高至": "ge",
    "提升到": "ge", "提升至": "ge", "增加到": "ge", "增加至": "ge", "增长到": "ge", "增至": "ge", "迈上": "ge",
    "不超过": "le", "不高于": "le", "不多于": "le", "控制在": "le", "降至": "le", "降到": "le", "降为": "le",
    "降低到": "le", "降低至": "le", "下降到": "le", "下降至": "le", "减少到": "le", "减少至": "le", "减至": "le",
    "超过": "gt", "高于": "gt", "超": "gt", "低于": "lt", "约": "approx",
    "保持在": "approx", "稳定在": "approx", "维持在": "approx",
}
_PREFIX = _ALT(sorted(_PREFIX_COMPARATOR, key=len, reverse=True))
_SUFFIX = "及以上|及以下|以上|以下|以内|左右"
QUANTITY = re.compile(
    rf"(?P<prefix>{_PREFIX})?(?P<num>{_NUM})(?:(?:{_MAG}|%)?(?P<sep>—|–|-|～|~|至|到)(?P<num2>{_NUM}))?"
    rf"(?P<about>余|多)?(?P<unit>{UNIT})(?P<suffix>{_SUFFIX})?")
_FIGURE_CUE = re.compile(r"\d[^，；、\d]{0,6}(以上|以内|左右)")  # a comparator on a written figure, not 万标箱以上
_DOUBLING = re.compile(r"翻(?P<n>一|两|二|三)番")
# Words looked for with ``in`` (any of them in a clause), not compiled patterns: each Chinese alternation cost
# re a million instructions or more to compile at start-up, and a few substring tests are as fast
CUES = ("达到", "新增", "增加", "增长", "提升", "提高", "下降", "降低", "降至", "降为", "减少", "削减", "控制", "保持",
        "维持", "稳定在", "不低于", "不少于", "不超过", "不高于", "低于", "超过", "突破", "完成", "建成", "新建", "创建",
        "培育", "引进", "争创", "累计", "增至", "翻一番", "打造", "建设", "每年", "逐年", "严守", "迈上", "至少")
_DEADLINE = re.compile(r"(?:到|至|在|于)?(?P<y1>\d{4})(?:年)?(?:—|–|-|至|到)?(?P<y2>\d{4})?年(?P<tail>底前|年底前|前|底|末|以前)?")
_BASE_YEAR = re.compile(r"(?:比|较|与|相比|对比)(\d{4})年")
_RETRO_WORDS = r"^截[至止]|过去五年|已经|已达|已建成|已累计"
_COMPARED_WITH = r"(高于|低于|超过|快于|慢于|比|较|相比|同)$"  # compiled (and kept by re) when first needed


@cache  # one pattern per plan, asked for by every sentence
def retrospective_pattern(end_year: int | None) -> re.Pattern[str]:
    """Markers of the past: the previous five-year plan's period (“十三五”时期 for a plan ending 2025)."""
    if end_year is None:
        return re.compile(_RETRO_WORDS)
    previous = to_chinese_number((end_year - 2025) // 5 + 13)
    return re.compile(rf"“?{previous}五”?(?:时期|以来|期间|末)|{_RETRO_WORDS}")


_DIGIT = re.compile(r"\d")  # what every QUANTITY holds
_RECURRING = ("每年", "逐年", "每季度", "年年")
_DECREASE = re.compile(r"(下降|降低|减少|削减|压减|降至|降为|降到)[^，；、]{0,12}$")
_INCREASE = re.compile(r"(增长|提升|提高|增加(?!值)|新增|增至|翻)[^，；、]{0,12}$")  # 增加值 is value added
RETROSPECTIVE_SECTION = ("成就", "回顾", "发展基础", "发展环境", "环境面临", "形势")
_BAD_BEFORE = re.compile(r"[A-Za-z0-9.第±+]$")
_BAD_AFTER = re.compile(r"^[A-Za-z0-9²³级号型代期位条线]")
# words that make the figure after them a property of the things meant: 时速200公里, 日产5000吨, 居住5年
_SPEC_BEFORE = ("时速", "日产", "年产", "日处理", "时处理", "单机", "单体", "居住", "排量", "降水")
_RESTATED = ("折合", "约合", "相当于")  # 49351元（折合7924美元）: the same figure again
_SPLIT_ITEMS = re.compile(r"、|和(?!谐)")
# a subject head written once after the last item of a list applies to each item
_SHARED_HEADS = ("排放总量", "排放量", "总量", "比重", "占比", "增加值", "产量", "面积", "浓度", "覆盖率", "企业数量", "数量")
_MEASURE_ENDS = ("率", "量", "数", "重", "值", "额", "度", "比")
_TECHNICAL = ("升", "毫升", "伏", "千伏", "瓦")  # 13升发动机, 1000千伏特高压: a property of equipment


@dataclass(frozen=True)
class _Quantity:
    start: int  # where the figure's words start (its prefix, else the number)
    num_start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    prefix: str
    suffix: str
    about: bool


def _quantity(m: re.Match[str]) -> _Quantity:
    return _Quantity(m.start(), m.start("num"), m.end(), float(m.group("num")),
                     float(m.group("num2")) if m.group("num2") else None, m.group("unit"),
                     m.group("prefix") or "", m.group("suffix") or "", bool(m.group("about")))


def _any_in(text: str, words: tuple[str, ...]) -> bool:
    """``re.search("A|B|…", text)`` for plain words."""
    return any(w in text for w in words)


def _ends_with(text: str, words: tuple[str, ...]) -> bool:
    """``re.search("(A|B|…)$", text)`` for plain words (``$`` also matches before a final newline)."""
    return text.removesuffix("\n").endswith(words)


# a sentence and its full stop, or the words after the last one: the pieces of re.split(r"(?<=[。！？])", …),
# found by a loop over the characters in C instead of a look-behind tried at each of them
_SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+")


def _sentences(paragraph: str) -> Iterator[str]:
    for m in _SENTENCE.finditer(paragraph):
        sentence = m.group().strip()
        if sentence:
            yield sentence


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = max(sentence.rfind(ch, 0, start) for ch in "，；：。→") + 1  # 名称→内容: the item's name is no clause
    rights = [i for ch in "，；：。" if (i := sentence.find(ch, end)) != -1]
    return left, min(rights) if rights else len(sentence)


def _deadline(sentence: str, position: int, base_year: int | None) -> int | None:
    """The year the commitment is due: the last deadline phrase before it, else any in the sentence."""
    best: int | None = None
    later: int | None = None
    for m in _DEADLINE.finditer(sentence):
        before = sentence[max(0, m.start() - 2):m.start()]
        if "比" in before or "较" in before or _ends_with(before, ("与",)):
            continue  # 比2020年 is a base year
        year = int(m.group("y2") or m.group("y1"))
        if base_year is not None and year <= base_year:
            continue
        if m.start() < position:
            best = year
        elif later is None:
            later = year
    return best if best is not None else later


_AT_LEAST = ("达到", "新增", "增加", "完成", "建成", "新建", "创建", "培育", "突破", "累计", "下降", "降低", "减少", "提升",
             "提高", "严守", "翻")  # the verb before a bare figure: 新增150家 is at least 150


def _comparator(q: _Quantity, clause_before: str) -> Comparator:
    if q.value_max is not None:
        return "range"
    if q.suffix in ("以上", "及以上"):
        return "ge"
    if q.suffix in ("以下", "及以下", "以内"):
        return "le"
    if q.suffix == "左右":
        return "approx"
    if q.prefix:
        return _PREFIX_COMPARATOR[q.prefix]
    if q.about:
        return "gt"
    if _ends_with(clause_before, _AT_LEAST):
        return "ge"
    return "eq"


def _is_specification(text: str, q: _Quantity) -> bool:
    """True when the figure says which things are meant (时速200公里及以上, 300万以下的城市), not how many."""
    after = text[q.end:q.end + 1]
    if q.suffix in ("及以上", "及以下") or after == "的":
        return True
    if _ends_with(text[:q.start], _SPEC_BEFORE + _RESTATED):
        return True
    if q.unit in ("米", "厘米", "毫米") and after in "深宽高长":
        return True  # 12.5米深水航道: a dimension of the thing built
    # 1小时通勤圈, 15分钟生活圈: a duration that names a kind of thing
    return (q.unit in ("小时", "分钟", *_TECHNICAL) and "\u4e00" <= after <= "\u9fff"  # a Chinese character
            and after not in "内以左之")


def _about_past(text: str, right: int, retro: re.Pattern[str]) -> bool:
    """The clause describes the past: a retrospective marker that is not a comparison (高于“十三五”时期)."""
    return any(not re.search(_COMPARED_WITH, text[:m.start()]) for m in retro.finditer(text[:right]))


def _subject(text: str) -> str:
    text = _DEADLINE.sub("", text)
    text = re.sub(r"^(到|至|全区|新区|力争|确保|实现|其中|每年|逐年|创建|新建|建设|建成|培育|打造|完成|引进|争创|严守|推动|推进|重点(?=建设|推进|培育|打造)|加快|积极|使|支持|改扩建|扩建|改造)+", "",
                  text)
    text = re.sub(r"(达到|达|新增|增加|增长|提升至|提升到|提升|提高到|提高至|提高|下降|降低|降至|降为|减少|控制在|保持在|"
                  r"稳定在|超过|不低于|不少于|至少|不超过|完成|建成|新建|改扩建|扩建|创建|培育|引进|争创|累计|迈上|稳步|逐步|持续|增加到|增加至|保持|各|比\d{4}年|较\d{4}年)+$",
                  "", text)
    text = re.sub(r"(年均|年平均|平均)$", "", text)
    return text.strip("，、；：“”和及 ")


def _subject_after(text: str) -> str:
    """For 完成70%功能区政务应用系统上云 or 创建25个以上美丽宜居村庄: what follows the figure."""
    listed = re.match(r"[^，；。]*?等([^，；。、]{2,})", text)  # 20个生鲜超市、菜市场等便民市场
    if listed:
        return listed.group(1).strip("的“” ")[:30]
    return re.split(r"[、，；。]|等|和(?=\d)", text)[0].strip("的“” ")[:30]


def _share_head(subjects: list[str]) -> list[str]:
    last = subjects[-1]
    head = next((h for h in _SHARED_HEADS if last.endswith(h) and len(last) > len(h)), None)
    if head is None:
        # 城市、县城污水集中处理率: short items that name only where, the measure written once after the last
        if all(len(x) <= 3 and not x.endswith(_MEASURE_ENDS) for x in subjects[:-1]):
            return [x + last[len(x):] for x in subjects[:-1]] + [last]
        return subjects
    return [s if s.endswith((*_SHARED_HEADS, "率")) else s + head for s in subjects[:-1]] + [last]


def _respectively(text: str, left: int, right: int) -> list[tuple[str, _Quantity, str]] | None:
    """``A和B分别降低13.5%、18%``: (subject, quantity, words before the figure) per item, or None."""
    k, word = text.find("分别", left, right), "分别"
    if k == -1:  # 城镇新增就业和转移农业劳动力各4500万人
        each = re.compile(r"各(?=\d)").search(text, left, right)
        if each is None:
            return None
        k, word = each.start(), "各"
    values = [_quantity(m) for m in QUANTITY.finditer(text, k + len(word), right)]
    if not values:
        return None
    last_unit = values[-1].unit
    values = [q if q.unit == last_unit or not last_unit.startswith(q.unit) else
              _Quantity(q.start, q.num_start, q.end, q.value, q.value_max, last_unit, q.prefix, q.suffix, q.about)
              for q in values]
    head = text[left:k]
    subjects = [s for s in (_subject(p) for p in _SPLIT_ITEMS.split(head)) if s]
    if len(subjects) < 2 or len(values) not in (1, len(subjects)):
        return None
    subjects = _share_head(subjects)
    first = values[0]
    values = [q if q.prefix or not first.prefix else
              _Quantity(q.start, q.num_start, q.end, q.value, q.value_max, q.unit, first.prefix, q.suffix, q.about)
              for q in values]  # 分别降为7.5‰、9.5‰: the verb governs every value
    verb = text[k + len(word):first.num_start]
    if len(values) == 1:
        values = values * len(subjects)
    return [(s, q, head + word + verb) for s, q in zip(subjects, values, strict=True)]


def _doubling(text: str, left: int, right: int) -> list[tuple[str, _Quantity, str]]:
    """``国内生产总值和城乡居民人均收入比2010年翻一番`` → 2 倍 for each subject."""
    found: list[tuple[str, _Quantity, str]] = []
    for m in _DOUBLING.finditer(text, left, right):
        head = re.sub(r"(比|较)\d{4}年.*$|实现$", "", text[left:m.start()])
        value = 2.0 ** {"一": 1, "两": 2, "二": 2, "三": 3}[m.group("n")]
        q = _Quantity(m.start(), m.start(), m.end(), value, None, "倍", "", "", False)
        subjects = [s for s in (_subject(p) for p in _SPLIT_ITEMS.split(head)) if s] or [""]
        subjects = _share_head(subjects) if len(subjects) > 1 else subjects
        found.extend((s, q, text[left:m.start()] + "翻") for s in subjects)
    return found


def find_commitments(sentence: str, node: str, base_year: int | None,
                     end_year: int | None) -> list[Commitment]:
    """All commitments in one sentence (the sentence is assumed to lie in a forward-looking part)."""
    text = number_text(sentence)
    has_figure = _DIGIT.search(text) is not None
    if not has_figure and "翻" not in text:
        return []  # nothing to read: no figure, and no 翻一番 (most sentences)
    retro = retrospective_pattern(end_year)
    found: list[Commitment] = []
    done: set[tuple[int, int]] = set()  # clauses already read as 分别 lists

    def add(subject: str, q: _Quantity, before: str, left: int, right: int) -> None:
        clause = text[left:right]
        base = _BASE_YEAR.search(clause)
        change: Literal["increase", "decrease"] | None = (
            "decrease" if _DECREASE.search(before) else "increase" if _INCREASE.search(before) else None)
        if q.prefix in ("控制在", "不超过", "不高于", "不多于"):
            change = None  # 新增建设用地规模控制在…以内: a ceiling, not a rise
        found.append(Commitment(
            text=sentence, quantity=clause.strip(), subject=subject,
            deadline=_deadline(text, q.num_start, base_year) or end_year,
            recurring=_any_in(clause, _RECURRING), value=q.value, value_max=q.value_max,
            unit=q.unit.replace(":", "∶").replace("％", "%"), comparator=_comparator(q, before), change=change,
            base_year=int(base.group(1)) if base else None, node=node))

    for m in QUANTITY.finditer(text) if has_figure else ():  # many sentences have no figure to scan for
        q = _quantity(m)
        start, end = q.num_start, q.end
        if _BAD_BEFORE.search(text[:start]) or _BAD_AFTER.match(text[end:end + 1]):
            continue
        if q.unit == "年" and (re.fullmatch(r"\d{4}", m.group("num")) or text[end:end + 1] in "底末前内度"):
            continue  # a year, not a duration
        left, right = _clause_bounds(text, m.start(), end)
        if (left, right) in done:
            continue
        clause = text[left:right]
        if not (_any_in(clause, CUES) or _FIGURE_CUE.search(clause) or q.prefix) or _about_past(text, right, retro):
            continue  # no commitment cue, or a statement about the past ("十三五"时期，… 增长4.7%)
        items = _respectively(text, left, right)
        if items:
            done.add((left, right))
            for subject, item, before in items:
                add(subject, item, before, left, right)
            continue
        if _is_specification(text, q):
            continue
        before = text[left:start]
        named = text[left:q.start]  # the words before the figure and its comparator (约, 达到…)
        item_start = max(named.rfind("、"), named.rfind("和")) + 1
        own = named[item_start:]
        subject = _subject(own) if own and not own.endswith(("等", "的")) else ""
        if not subject or subject.endswith(("或", "的")):  # 重点改造或新建20个生鲜超市: the things come after
            subject = _subject_after(text[end:right])
        add(subject, q, before, left, right)
    for m in _DOUBLING.finditer(text):
        left, right = _clause_bounds(text, m.start(), m.end())
        if (left, right) in done or _about_past(text, right, retro):
            continue
        done.add((left, right))
        for subject, q, before in _doubling(text, left, right):
            add(subject, q, before, left, right)
    return found


def extract_commitments(root: Node, base_year: int | None, end_year: int | None) -> list[Commitment]:
    commitments: list[Commitment] = []

    def visit(node: Node, retrospective: bool) -> None:
        retrospective = retrospective or bool(node.kind in ("chapter", "section", "subsection")
                                              and _any_in(node.title, RETROSPECTIVE_SECTION))
        if node.kind in ("appendix", "table", "note", "figure", "preface"):
            return
        if not retrospective:
            for paragraph in node.paragraphs:
                for sentence in _sentences(paragraph):
                    commitments.extend(find_commitments(sentence, node.id, base_year, end_year))
        for child in node.children:
            visit(child, retrospective)

    visit(root, False)
    return commitments
