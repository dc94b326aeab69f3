"""A parsed target said in words, for the person who checks what was read (规划导入核对).

Rules:

- the target-year cell reads ``2030年不低于22件`` (the year, the comparator in words, the figure, the unit); a plain
  figure is ``达到``; ``50左右`` keeps its 左右; a range is ``5—10家``;
- the 年均/累计 column reads ``年均增长5%`` for a growth indicator (a name ending in 增长/增速) and for a total
  counted in another unit than % (外贸进出口总额, 亿元: its 年均 column is its growth in %), ``每年低于5.5%`` for a
  level kept every year (城镇调查失业率 ＜5.5), and a five-year total in 〔〕 reads ``五年累计降低17%`` (降低 when
  the name is a reduction, else 增加); the five-year change of a share (unit %, not a reduction) is in percentage
  points: 〔6.3〕 ``五年累计提高6.3个百分点``, 〔-5.6〕 ``五年累计降低5.6个百分点``;
- a relational target reads as written in full (``高于GDP增长``, ``与GDP增长同步``); a qualitative one is its words;
- an aspiration after a hard target follows after ``，`` (``年均增长高于7%，力争…``); no figure (—) says nothing.

>>> from .targets import parse_target
>>> target_in_words(parse_target("≥22"), 2030, "件")
'2030年不低于22件'
>>> target_in_words(parse_target("〔17〕"), 2030, "%", "单位GDP能源消耗降低", column="growth")
'五年累计降低17%'
>>> target_in_words(parse_target("与GDP增长基本同步"), 2025, "%", column="growth")
'与GDP增长同步'
>>> target_in_words(parse_target("＞7、力争投入强度高于“十三五”时期实际"), 2025, "%", "研发经费投入增长",
...                 column="growth")
'年均增长高于7%，力争投入强度高于“十三五”时期实际'
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from .model import Indicator
from .targets import Comparator, TargetExpr, format_number

_WORDS: dict[Comparator, str] = {"ge": "不低于", "gt": "高于", "le": "不高于", "lt": "低于", "eq": "达到",
                                 "approx": "", "range": ""}
_REDUCTION = re.compile(r"(降低|下降|减少|削减)(率|幅度)?$")
_GROWTH = re.compile(r"(增长|增速)(率)?$")


def target_in_words(target: TargetExpr, year: int | None, unit: str, name: str = "",
                    column: Literal["target", "growth"] = "target") -> str:
    """``target`` (of the indicator ``name`` in ``unit``, due in ``year``) in words; empty when it names nothing."""
    if target.relative_to is not None:
        words = {"gt": "高于", "lt": "低于"}.get(target.comparator or "", "与") + target.relative_to
        words += "同步" if target.comparator == "approx" else ""
    elif target.value is None:
        words = target.raw_text_without_markers() if target.qualitative else ""
    elif target.cumulative and unit == "%" and not target.unit and not _REDUCTION.search(name):
        # a share's five-year change: 〔6.3〕 is 6.3 percentage points, 〔-5.6〕 a fall of 5.6
        verb = "降低" if target.value < 0 else "提高"
        words = f"五年累计{verb}{_figure(replace(target, value=abs(target.value)), '个百分点').removeprefix('达到')}"
    else:
        total = column == "growth" and unit != "%" and not target.unit and not target.cumulative
        words = _figure(target, "%" if total else target.unit or unit)  # a total's 年均 column is its growth in %
        if target.cumulative:
            verb = "降低" if _REDUCTION.search(name) else "增加"
            words = "五年累计" + verb + words.removeprefix("达到")
        elif column == "growth":
            words = ("年均增长" if total or _GROWTH.search(name) else "每年") + words.removeprefix("达到")
        elif year:
            words = f"{year}年{words}"
    if target.aspiration:
        words = f"{words}，{target.aspiration}" if words else target.aspiration
    return words


def _figure(target: TargetExpr, unit: str) -> str:
    assert target.value is not None
    comparator = target.comparator or "eq"
    if comparator == "range":
        upper = target.value_max if target.value_max is not None else target.value
        return f"{format_number(target.value)}—{format_number(upper)}{unit}"
    figure = _WORDS[comparator] + format_number(target.value) + unit
    return figure + "左右" if comparator == "approx" else figure


def indicator_in_words(ind: Indicator) -> str:
    """Both target columns of a 表1-1 row in words, joined by ``；`` (``2025年达到65%``; ``年均增长高于7%``)."""
    return targets_in_words(ind.target, ind.growth, ind.target_year, ind.unit, ind.name)


def targets_in_words(target: TargetExpr, growth: TargetExpr, year: int | None, unit: str, name: str) -> str:
    """The target-year and 年均/累计 columns in words, joined by ``；``; 未给出目标 when neither names anything.

    >>> from .targets import parse_target
    >>> targets_in_words(parse_target("[18]③"), parse_target("—"), 2025, "%", "单位地区生产总值二氧化碳排放降低")
    '五年累计降低18%'
    """
    parts = [target_in_words(target, year, unit, name), target_in_words(growth, year, unit, name, column="growth")]
    return "；".join(p for p in parts if p) or "未给出目标"
