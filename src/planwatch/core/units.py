"""Units as plans write them. A value keeps its unit; converting within a dimension (万元 → 亿元) is
allowed, comparing across dimensions (亿元 with %) is a :class:`UnitMismatchError`.

>>> convert(25763, "万元", "亿元")
2.5763
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
    "%": ("百分比", 1), "％": ("百分比", 1), "个百分点": ("百分比", 1), "‰": ("千分比", 1),
    "人": ("人数", 1), "万人": ("人数", 1e4), "人次": ("人次", 1), "万人次": ("人次", 1e4),
    "家": ("家", 1), "个": ("个", 1), "件": ("件", 1), "所": ("所", 1), "座": ("座", 1), "项": ("项", 1),
    "岁": ("岁", 1), "年": ("年", 1), "天": ("天", 1),
    "公里": ("长度", 1e3), "千米": ("长度", 1e3), "km": ("长度", 1e3), "米": ("长度", 1),
    "公顷": ("面积", 1e4), "亩": ("面积", 666.6667), "万亩": ("面积", 6.666667e6), "平方公里": ("面积", 1e6),
    "平方米": ("面积", 1), "万平方米": ("面积", 1e4),
    "吨": ("质量", 1), "万吨": ("质量", 1e4),
    "万元/人": ("人均金额", 1e4), "元/人": ("人均金额", 1),
}


def normalise_unit(unit: str) -> str:
    unit = unit.strip().replace("％", "%")
    return unit


def dimension(unit: str) -> str:
    """The dimension of a unit; an unknown unit is its own dimension (only equal units compare)."""
    unit = normalise_unit(unit)
    return _UNITS.get(unit, (unit, 1.0))[0]


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between units of one dimension; refuse anything else."""
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a == b:
        return value
    da, fa = _UNITS.get(a, (a, 1.0))
    db, fb = _UNITS.get(b, (b, 1.0))
    if da != db:
        raise UnitMismatchError(f"单位不一致：{a}（{da}）不能与{b}（{db}）比较")
    return round(value * fa / fb, 12)
