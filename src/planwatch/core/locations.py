"""Where an item sits in its plan, in the words of the plan: ``ch2/s1`` is 第二章第一节.

A node id (``core.structure``) is a path of segments, each a kind prefix and the heading's number:
``pt`` 篇, ``ch`` 章, ``s`` 节, ``col`` 专栏, ``tab`` 表, ``fig`` 图; the numbered outline of plans without
篇/章/节 uses ``sub`` 一、, ``cl`` （一）, ``it`` 1.; ``appx`` 附件, ``note`` 注, ``preface`` 前言. A segment
this module does not know is shown as it is, never dropped; ``~2`` (a repeated heading) is left out.

>>> location("ch2/s1")
'第二章第一节'
>>> location("ch3/s4/col3-4")
'第三章第四节专栏3-4'
>>> location("pt1/ch12")
'第一篇第十二章'
>>> location("sub2/cl3~2")
'二、（三）'
>>> location("ch1/s5/tab1-1")
'第一章第五节表1-1'
>>> location("preface"), location("")
('前言', '')
"""

from __future__ import annotations

import re

from .numerals import to_chinese_number

_SEGMENT = re.compile(r"([a-z]+)(.*)")
_ORDINAL = {"pt": "第{}篇", "ch": "第{}章", "s": "第{}节", "sub": "{}、", "cl": "（{}）"}
_LABELLED = {"col": "专栏{}", "tab": "表{}", "fig": "图{}", "it": "{}.", "appx": "附件{}", "note": "注{}",
             "preface": "前言{}"}


def _number(text: str) -> str:
    """A heading number in Chinese numerals when it is a plain number up to 99, else as written."""
    return to_chinese_number(int(text)) if text.isascii() and text.isdigit() and int(text) <= 99 else text


def location(node_id: str) -> str:
    """The node's place as the plan names it (see the module docstring)."""
    words = []
    for segment in filter(None, node_id.split("/")):
        m = _SEGMENT.fullmatch(segment.split("~", 1)[0])
        if m is None:
            words.append(segment)
        elif m.group(1) in _ORDINAL:
            words.append(_ORDINAL[m.group(1)].format(_number(m.group(2))))
        elif m.group(1) in _LABELLED:
            words.append(_LABELLED[m.group(1)].format(m.group(2)))
        else:
            words.append(segment)
    return "".join(words)
