"""Quantitative, forward-looking commitments written in the text and the 专栏.

``到2025年，全区新增品牌连锁便利店达到150家以上`` → value 150, unit 家, comparator ge, deadline 2025.

A figure with a unit is a commitment when (1) the clause around it says what is to be achieved —
a cue such as 达到 / 新增 / 下降 / 不低于 / 以上 / 每年 … — and (2) the sentence looks forward: it is
not in a review or environment section and does not describe the past (``“十三五”时期…增长4.7%``).
Years, ordinals (第3), codes and names (5G, G202, 13号线, 8万吨级, km²) are not figures. Without a
deadline in its sentence, a commitment is due at the end of the plan period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from .model import Commitment, Node
from .numerals import to_chinese_number
from .targets import Comparator
from .textnorm import number_text

UNITS = sorted(["万元/人", "元/人", "亿美元", "万美元", "亿元", "万元", "元", "万人次", "人次", "万人", "人", "万户", "户", "家", "个百分点", "个", "所", "座", "公里", "千米", "km", "公顷", "万亩", "亩", "万平方米", "平方米", "平方公里", "万吨", "吨", "万辆", "辆", "张", "处", "条", "项", "件", "台", "套", "床", "名", "支", "倍", "岁", "天", "小时", "%", "‰", "∶1", ":1", "兆瓦", "万千瓦", "千瓦", "艘", "栋", "间", "颗", "年", "所", "级", "星"], key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in UNITS if u not in ("级", "星"))
_NUM = r"\d+(?:\.\d+)?"
QUANTITY = re.compile(
    rf"(?P<prefix>不低于|不少于|不超过|不高于|超过|达到|控制在|保持在|低于|高于|至少|约)?"
    rf"(?P<num>{_NUM})(?:(?P<sep>—|–|-|～|~|至|到)(?P<num2>{_NUM}))?(?P<about>余|多)?"
    rf"(?P<unit>{_UNIT_RE})(?P<suffix>以上|以下|以内|左右)?")
CUES = re.compile(r"达到|新增|增加|增长|提升|提高|下降|降低|减少|削减|控制|保持|维持|不低于|不少于|不超过|不高于|"
                  r"超过|突破|完成|建成|新建|创建|培育|引进|争创|累计|增至|翻一番|打造|建设|每年|逐年|以上|以内|左右")
_DEADLINE = re.compile(r"(?:到|至|在|于)?(?P<y1>\d{4})(?:年)?(?:—|–|-|至|到)?(?P<y2>\d{4})?年(?P<tail>底前|年底前|前|底|末|以前)?")
_BASE = re.compile(r"(?:比|较|与|相比|对比)(\d{4})年")
_RETRO_WORDS = r"^截[至止]|过去五年|已经|已达|已建成|已累计"


def retrospective_pattern(end_year: int | None) -> re.Pattern[str]:
    """Markers of the past: the previous five-year plan's period (“十三五”时期 for a plan ending 2025)."""
    if end_year is None:
        return re.compile(_RETRO_WORDS)
    previous = to_chinese_number((end_year - 2025) // 5 + 13)
    return re.compile(rf"“?{previous}五”?(?:时期|以来|期间|末)|{_RETRO_WORDS}")
_RECURRING = re.compile(r"每年|逐年|每季度|年年")
_DECREASE = re.compile(r"(下降|降低|减少|削减|压减|降至)[^，；、]{0,12}$")
_INCREASE = re.compile(r"(增长|提升|提高|增加(?!值)|新增|增至)[^，；、]{0,12}$")  # 增加值 is value added
RETROSPECTIVE_SECTION = re.compile(r"成就|回顾|发展基础|发展环境|环境面临|形势")
_BAD_BEFORE = re.compile(r"[A-Za-z0-9.第]$")
_BAD_AFTER = re.compile(r"^[A-Za-z0-9²³级号型代期位条线]")


def _sentences(paragraph: str) -> Iterator[str]:
    for sentence in re.split(r"(?<=[。！？])", paragraph):
        sentence = sentence.strip()
        if sentence:
            yield sentence


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = max(sentence.rfind(ch, 0, start) for ch in "，；：。") + 1
    rights = [i for ch in "，；：。" if (i := sentence.find(ch, end)) != -1]
    return left, min(rights) if rights else len(sentence)


def _deadline(sentence: str, position: int, base_year: int | None) -> int | None:
    """The year the commitment is due: the last deadline phrase before it, else any in the sentence."""
    best: int | None = None
    later: int | None = None
    for m in _DEADLINE.finditer(sentence):
        before = sentence[max(0, m.start() - 2):m.start()]
        if re.search(r"比|较|与$", before):
            continue  # 比2020年 is a base year
        year = int(m.group("y2") or m.group("y1"))
        if base_year is not None and year <= base_year:
            continue
        if m.start() < position:
            best = year
        elif later is None:
            later = year
    return best if best is not None else later


def _comparator(m: re.Match[str], clause_before: str) -> Comparator:
    if m.group("num2"):
        return "range"
    suffix, prefix = m.group("suffix"), m.group("prefix") or ""
    if suffix == "以上" or prefix in ("不低于", "不少于", "至少"):
        return "ge"
    if suffix in ("以下", "以内") or prefix in ("不超过", "不高于", "控制在"):
        return "le"
    if prefix in ("超过", "高于") or m.group("about"):
        return "gt"
    if prefix == "低于":
        return "lt"
    if suffix == "左右" or prefix == "约":
        return "approx"
    if prefix in ("达到",) or re.search(r"(达到|新增|增加|完成|建成|新建|创建|培育|突破|累计|下降|降低|减少|提升|提高)$",
                                        clause_before):
        return "ge"
    return "eq"


def _subject(text: str) -> str:
    text = _DEADLINE.sub("", text)
    text = re.sub(r"^(到|至|全区|新区|力争|确保|实现|其中|每年|逐年|创建|新建|建设|建成|培育|打造|完成|引进|争创)+", "", text)
    text = re.sub(r"(达到|达|新增|增加|增长|提升至|提升|提高到|提高|下降|降低|减少|控制在|保持在|超过|不低于|不少于|"
                  r"不超过|完成|建成|新建|创建|培育|引进|争创|累计|比\d{4}年|较\d{4}年)+$", "", text)
    text = re.sub(r"(年均|年平均|平均)$", "", text)
    return text.strip("，、；：“”和及 ")


def _subject_after(text: str) -> str:
    """For 完成70%功能区政务应用系统上云 or 创建25个以上美丽宜居村庄: what follows the figure."""
    return re.split(r"[、，；。]|等", text)[0].strip("的“” ")[:30]


def find_commitments(sentence: str, node: str, base_year: int | None,
                     end_year: int | None) -> list[Commitment]:
    """All commitments in one sentence (the sentence is assumed to lie in a forward-looking part)."""
    retro = retrospective_pattern(end_year)
    text = number_text(sentence)
    found: list[Commitment] = []
    for m in QUANTITY.finditer(text):
        start, end = m.start("num"), m.end()
        if _BAD_BEFORE.search(text[:start]) or _BAD_AFTER.match(text[end:end + 1]):
            continue
        unit = m.group("unit")
        if unit == "年" and (len(m.group("num")) == 4 or text[end:end + 1] in "底末前内度"):
            continue  # a year, not a duration
        left, right = _clause_bounds(text, m.start(), end)
        clause = text[left:right]
        if not CUES.search(clause) or retro.search(text[:right]):
            continue  # no commitment cue, or a statement about the past ("十三五"时期，… 增长4.7%)
        before = text[left:start]
        item_start = max(before.rfind("、"), before.rfind("和")) + 1
        base = _BASE.search(clause)
        change: Literal["increase", "decrease"] | None = (
            "decrease" if _DECREASE.search(before) else "increase" if _INCREASE.search(before) else None)
        own = before[item_start:]
        subject = (_subject(own) if own and not own.endswith("等") else "") or _subject_after(text[end:right])
        found.append(Commitment(
            text=sentence, quantity=clause.strip(), subject=subject,
            deadline=_deadline(text, start, base_year) or end_year,
            recurring=bool(_RECURRING.search(clause)), value=float(m.group("num")),
            value_max=float(m.group("num2")) if m.group("num2") else None,
            unit=unit.replace(":", "∶"), comparator=_comparator(m, before), change=change,
            base_year=int(base.group(1)) if base else None, node=node))
    return found


def extract_commitments(root: Node, base_year: int | None, end_year: int | None) -> list[Commitment]:
    commitments: list[Commitment] = []

    def visit(node: Node, retrospective: bool) -> None:
        retrospective = retrospective or bool(node.kind in ("chapter", "section", "subsection")
                                              and RETROSPECTIVE_SECTION.search(node.title))
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
