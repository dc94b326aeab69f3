"""Units as plans write them. A value keeps its unit; converting within a dimension (万元 → 亿元) is
allowed, comparing across dimensions (亿元 with %) is a :class:`UnitMismatchError`.

>>> convert(25763, "万元", "亿元")
2.5763
>>> convert(1.4, "万亿斤", "亿斤")
14000.0
>>> dimension("亿吨标准煤") == dimension("万吨标准煤")
True
>>> convert(5, "%", "亿元")
Traceback (most recent call last):
...
planwatch.core.errors.UnitMismatchError: 单位不一致：%（百分比）不能与亿元（人民币金额）比较
"""

from __future__ import annotations

from .errors import UnitMismatchError

# unit → (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    "元": ("人民币金额", 1), "万元": ("人民币金额", 1e4), "亿元": ("人民币金额", 1e8),
    "美元": ("美元金额", 1), "万美元": ("美元金额", 1e4), "亿美元": ("美元金额", 1e8),
    "%": ("百分比", 1), "％": ("百分比", 1), "个百分点": ("百分比", 1), "百分点": ("百分比", 1), "‰": ("千分比", 1),
    "人": ("人数", 1), "名": ("人数", 1), "万人": ("人数", 1e4), "人次": ("人次", 1), "万人次": ("人次", 1e4),
    "家": ("家", 1), "个": ("个", 1), "件": ("件", 1), "所": ("所", 1), "座": ("座", 1), "项": ("项", 1),
    "岁": ("岁", 1), "年": ("年", 1), "天": ("天", 1),
    "公里": ("长度", 1e3), "千米": ("长度", 1e3), "km": ("长度", 1e3), "米": ("长度", 1),
    "公顷": ("面积", 1e4), "亩": ("面积", 666.6667), "万亩": ("面积", 6.666667e6), "平方公里": ("面积", 1e6),
    "平方米": ("面积", 1), "万平方米": ("面积", 1e4),
    "吨": ("质量", 1), "万吨": ("质量", 1e4), "斤": ("质量", 0.0005), "千克": ("质量", 1e-3), "公斤": ("质量", 1e-3),
    "立方米": ("体积", 1), "千瓦": ("功率", 1), "千瓦时": ("电量", 1), "吨标准煤": ("能源（标准煤）", 1),
    "万元/人": ("人均金额", 1e4), "元/人": ("人均金额", 1),
}


def normalise_unit(unit: str) -> str:
    unit = unit.strip().replace("％", "%")
    return unit


# magnitudes written before any unit: 1.45万亿斤 is 1.45 × 10¹² 斤, 17.5亿亩 is 17.5 × 10⁸ 亩
_MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7, "百万": 1e6,
               "十万": 1e5, "万": 1e4}


def _lookup(unit: str) -> tuple[str, float]:
    """(dimension, factor) of a listed unit, or of a magnitude before one (亿亩, 万亿斤, 亿吨标准煤)."""
    if unit in _UNITS:
        return _UNITS[unit]
    for word, factor in _MAGNITUDES.items():
        if unit.startswith(word) and unit[len(word):] in _UNITS:
            dim, base = _UNITS[unit[len(word):]]
            return dim, factor * base
    return unit, 1.0


def dimension(unit: str) -> str:
    """The dimension of a unit; an unknown unit is its own dimension (only equal units compare)."""
    return _lookup(normalise_unit(unit))[0]


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between units of one dimension; refuse anything else."""
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a == b:
        return value
    da, fa = _lookup(a)
    db, fb = _lookup(b)
    if da != db:
        raise UnitMismatchError(f"单位不一致：{a}（{da}）不能与{b}（{db}）比较")
    return round(value * fa / fb, 12)
