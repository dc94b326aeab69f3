"""core.rollup: a region named incomplete (its regions in the tree are not all of it) is never filled and weighs
only its own weight, while the regions below it still roll up; marks (e.g. "simulated") travel with the values a
filled cell is derived from, and only with those."""

from __future__ import annotations

import numpy as np

from planwatch.core.rollup import rollup_cube, rollup_marked

from .conftest import eval_plan_cube

TREE = {"甲街道": "功能区A", "乙街道": "功能区A", "功能区A": "示例国"}  # the country: one zone loaded
POPULATION = {"甲街道": 10.0, "乙街道": 30.0}
TRADE, SHARE = 3, 4  # 亿元: summed; %: population-weighted


_cube = eval_plan_cube


def _at(cube, no: int, region: str, year: int = 2022) -> float:  # type: ignore[no-untyped-def]
    return float(cube.values[cube.index[no], cube.regions.index(region), year - cube.base_year])


ROWS = [(TRADE, "甲街道", 2022, 100.0), (TRADE, "乙街道", 2022, 50.0),
        (SHARE, "甲街道", 2022, 40.0), (SHARE, "乙街道", 2022, 60.0)]


def test_an_incomplete_region_stays_missing_while_those_below_it_roll_up() -> None:
    specs, cube = _cube(ROWS)
    rolled = rollup_cube(specs, cube, TREE, POPULATION, incomplete={"示例国"})
    assert _at(rolled, TRADE, "功能区A") == 150.0 and _at(rolled, SHARE, "功能区A") == 55.0  # (40·10 + 60·30) / 40
    assert np.isnan(_at(rolled, TRADE, "示例国")) and np.isnan(_at(rolled, SHARE, "示例国"))
    whole = rollup_cube(specs, cube, TREE, POPULATION)  # the same tree, said to be complete
    assert _at(whole, TRADE, "示例国") == 150.0 and _at(whole, SHARE, "示例国") == 55.0


def test_an_incomplete_region_keeps_its_own_value_and_lends_no_partial_weight() -> None:
    tree = {**TREE, "示例国": "世界", "乙国": "世界"}
    specs, cube = _cube([*ROWS, (SHARE, "示例国", 2022, 50.0), (SHARE, "乙国", 2022, 70.0)])
    rolled = rollup_cube(specs, cube, tree, {**POPULATION, "乙国": 100.0}, incomplete={"示例国"})
    assert _at(rolled, SHARE, "示例国") == 50.0
    # 示例国's weight would be its zone's 40 only: the world's weighted mean is not derived from a part's weight
    assert np.isnan(_at(rolled, SHARE, "世界"))


def test_marks_travel_with_the_values_a_cell_is_derived_from() -> None:
    specs, cube = _cube([*ROWS, (TRADE, "功能区A", 2023, 7.0), (TRADE, "甲街道", 2023, 5.0),
                         (TRADE, "乙街道", 2023, 2.0)])
    marks = np.zeros(cube.values.shape, dtype=bool)
    marks[cube.index[TRADE], cube.regions.index("乙街道")] = True  # 乙街道's amounts, every year
    rolled, marked = rollup_marked(specs, cube, TREE, POPULATION, marks=marks)
    assert marked is not None and marked.shape == rolled.values.shape
    i, zone, nation = rolled.index[TRADE], rolled.regions.index("功能区A"), rolled.regions.index("示例国")
    assert marked[i, zone, 2022 - 2020] and marked[i, nation, 2022 - 2020]  # derived from 乙街道, then from the zone
    assert not marked[i, zone, 2023 - 2020]  # the zone's own value: nothing derived
    assert not marked[rolled.index[SHARE], nation].any()  # the shares are not marked
    _, none = rollup_marked(specs, cube, TREE, POPULATION, incomplete={"示例国"}, marks=marks)
    assert none is not None and not none[i, nation].any()
