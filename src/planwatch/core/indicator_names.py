"""Indicator names as people write them, matched to the names printed in a plan's table.

A table prints ``3.常住人口城镇化率（%）`` or ``国内生产总值（GDP）增长（%）``; a department's spreadsheet says
``常住人口城镇化率``, ``国内生产总值增长`` or ``GDP增长``. One rule, used wherever a name written by a person is
looked up (observation files, upper-plan links): compare keys with the number, the unit in brackets, footnote marks
and punctuation taken away; a name that fits two indicators is not guessed.

>>> name_key("3.常住人口城镇化率（%）")
'常住人口城镇化率'
>>> sorted(name_keys("国内生产总值（GDP）增长（%）"))
['GDP增长', '国内生产总值GDP增长', '国内生产总值增长']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from .textnorm import CIRCLED

T = TypeVar("T")

# the 序号 a table prints before the name: 3.  3、  10.1  （3）  ⑶
_ORDINAL = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.、)\s]|\(\d+\)|[⑴-⒇])\s*")
# a trailing unit in brackets: （%） （万人） （亿元）  （年） — what a table adds after the measure's name
_UNIT = re.compile(r"\((?:%|‰|[^()]{0,12}?(?:元|人|吨|年|岁|个|项|家|件|公里|千米|米|平方|立方|亩|公顷|标准煤|"
                   r"千瓦|瓦|度|床|张|册|户|辆|次|天|小时|分贝|微克|毫克|百分点|倍|‱))\)\s*$")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_MARKS = str.maketrans("", "", CIRCLED + "*＊※△▲")
# 增速 and 增长 name the same measure in these tables (地区生产总值增速 / 地区生产总值增长)
_SYNONYMS = (("增速", "增长"),)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_MARKS)).strip()  # marks first: NFKC makes ① a 1


def _letters(text: str) -> str:
    key = "".join(ch for ch in text if ch.isalnum())
    for variant, canonical in _SYNONYMS:
        key = key.replace(variant, canonical)
    return key


def name_key(name: str) -> str:
    """The name without its printed number, unit in brackets, footnote marks, punctuation and width."""
    text = _ORDINAL.sub("", _plain(name))
    text = _UNIT.sub("", text)
    return _letters(text)


def name_keys(name: str) -> frozenset[str]:
    """Every key a person's spelling of this name may have: the whole name, the name without what its brackets
    say (国内生产总值增长), and the abbreviation in its brackets in place of the words before it (GDP增长)."""
    text = _UNIT.sub("", _ORDINAL.sub("", _plain(name)))
    keys = {_letters(text), _letters(_BRACKETED.sub("", text))}
    for match in _BRACKETED.finditer(text):
        inner = match.group(1)
        if inner and inner.isascii() and inner.isalnum():  # (GDP) (PM2.5 is not one: it names the measure)
            keys.add(_letters(inner + text[match.end():]))
    return frozenset(k for k in keys if k)


class NameIndex(Generic[T]):
    """Items found by any of their names' keys; a key shared by two items finds neither (never guessed)."""

    def __init__(self, named: Iterable[tuple[str, T]]) -> None:
        found: dict[str, T] = {}
        shared: set[str] = set()
        for name, item in named:
            for key in name_keys(name):
                if key in found and found[key] is not item:
                    shared.add(key)
                found.setdefault(key, item)
        self._items: Mapping[str, T] = {k: v for k, v in found.items() if k not in shared}

    def find(self, written: str) -> T | None:
        """The item whose name a person wrote, or None (unknown, or fits more than one)."""
        return self._items.get(name_key(written))
