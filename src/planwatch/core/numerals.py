"""Chinese numerals as plans use them in headings: 一 … 九十九, 〇/○/零, and Arabic digits.

>>> parse_chinese_number("十")
10
>>> parse_chinese_number("二十三")
23
>>> parse_chinese_number("九十九")
99
>>> parse_chinese_number("二○三五")
2035
>>> parse_chinese_number("12")
12
>>> to_chinese_number(45)
'四十五'
"""

from __future__ import annotations

from .errors import PlanwatchError

DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL_CHARS = "".join(DIGITS) + "十百"
_REVERSE = "〇一二三四五六七八九"


def parse_chinese_number(text: str) -> int:
    """Value of a heading number written in Chinese numerals (up to 九百九十九) or digits."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch not in "十百" for ch in text):
        raise PlanwatchError(f"不是中文数字：{text!r}")
    if "十" not in text and "百" not in text:
        # digit-by-digit form such as 二○三五 (years)
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = DIGITS[ch]
    return total + current


def to_chinese_number(value: int) -> str:
    """Inverse of :func:`parse_chinese_number` for 0 ≤ value ≤ 99, in the 二十三 form."""
    if not 0 <= value <= 99:
        raise PlanwatchError(f"超出范围：{value}")
    if value < 10:
        return _REVERSE[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else _REVERSE[tens]) + "十" + (_REVERSE[ones] if ones else "")
