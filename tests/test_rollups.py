"""Roll-ups along a region tree: sums, weighted means, and indicators that do not aggregate."""

from __future__ import annotations

import numpy as np

from planwatch.core.evaluation import build_cube, evaluate_cube, evaluations
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.observations import FINAL, PARTIAL, build_table
from planwatch.core.rollup import default_aggregation, rollup_cube

from .conftest import EVAL_PLAN as PLAN
from .conftest import eval_plan_cube

TREE = {"甲街道": "功能区A", "乙街道": "功能区A", "丙街道": "功能区B", "功能区A": "示例新区", "功能区B": "示例新区"}
POPULATION = {"甲街道": 10.0, "乙街道": 30.0, "丙街道": 20.0}


_cube = eval_plan_cube


def test_each_indicator_declares_how_it_aggregates() -> None:
    specs = plan_specs(extract_plan(PLAN).indicators, 2020, 2025)
    assert [default_aggregation(s) for s in specs] == [
        "none", "none", "sum", "weighted_mean", "weighted_mean", "weighted_mean", "none", "sum", "none",
        "weighted_mean", "weighted_mean"]


def test_amounts_are_summed_up_the_tree() -> None:
    specs, cube = _cube([(3, "甲街道", 2022, 100.0), (3, "乙街道", 2022, 50.0), (3, "丙街道", 2022, 25.0)])
    rolled = rollup_cube(specs, cube, TREE, POPULATION)
    trade = rolled.values[rolled.index[3]][:, 2]
    got = dict(zip(rolled.regions, trade.tolist(), strict=True))
    assert (got["功能区A"], got["功能区B"], got["示例新区"]) == (150.0, 25.0, 175.0)


def test_shares_are_weighted_by_population_and_rates_are_not_derived() -> None:
    specs, cube = _cube([(4, "甲街道", 2022, 40.0), (4, "乙街道", 2022, 60.0), (4, "丙街道", 2022, 50.0),
                         (1, "甲街道", 2022, 5.0), (1, "乙街道", 2022, 7.0), (1, "丙街道", 2022, 6.0)])
    rolled = rollup_cube(specs, cube, TREE, POPULATION)
    got = dict(zip(rolled.regions, rolled.values[rolled.index[4]][:, 2].tolist(), strict=True))
    assert got["功能区A"] == (40 * 10 + 60 * 30) / 40  # 55.0
    assert got["示例新区"] == (40 * 10 + 60 * 30 + 50 * 20) / 60
    assert np.isnan(rolled.values[rolled.index[1]][rolled.regions.index("示例新区"), 2])  # growth rate: none


def test_a_parent_with_a_missing_child_stays_missing_and_a_reported_value_wins() -> None:
    specs, cube = _cube([(3, "甲街道", 2022, 100.0), (3, "丙街道", 2022, 25.0), (3, "功能区B", 2022, 30.0)])
    rolled = rollup_cube(specs, cube, TREE, POPULATION)
    got = dict(zip(rolled.regions, rolled.values[rolled.index[3]][:, 2].tolist(), strict=True))
    assert np.isnan(got["功能区A"]) and np.isnan(got["示例新区"])  # 乙街道 did not report
    assert got["功能区B"] == 30.0  # reported, not 25


def test_parents_are_evaluated_like_any_region() -> None:
    rows = [(3, r, y, v) for r, share in (("甲街道", 0.5), ("乙街道", 0.3), ("丙街道", 0.2))
            for y, v in ((2020, 2470 * share), (2023, 3100 * share))]
    specs, cube = _cube(rows)
    rolled = rollup_cube(specs, cube, TREE, POPULATION)
    results = evaluate_cube(specs, rolled, 2023)
    top = next(e for e in evaluations(specs, rolled, results, 2023, ["示例新区"]) if e.no == 3)
    assert (top.status, top.actual) == ("ahead", 3100.0)


def test_a_sum_of_part_year_values_is_part_year() -> None:
    plan = extract_plan(PLAN)
    specs = plan_specs(plan.indicators, 2020, 2025)
    rows = [("甲街道", "1-3月"), ("乙街道", "全年"), ("丙街道", "全年")]
    table = build_table([{"indicator": "3", "region": r, "year": "2022", "value": "10", "flag": p} for r, p in rows],
                        plan.indicators)
    rolled = rollup_cube(specs, build_cube(specs, table), TREE, POPULATION)
    flags = dict(zip(rolled.regions, rolled.flags[rolled.index[3]][:, 2].tolist(), strict=True))
    assert (flags["功能区A"], flags["功能区B"], flags["示例新区"]) == (PARTIAL, FINAL, PARTIAL)
    result = next(e for e in evaluations(specs, rolled, evaluate_cube(specs, rolled, 2022), 2022, ["示例新区"])
                  if e.no == 3)
    assert result.status == "no_data"  # a sum with a first quarter in it is no year's amount


def test_weights_carry_up_a_deeper_tree() -> None:
    """省 → 市 → 县 → 街道: a grandparent weighs what all its descendants weigh (the weights of a middle
    level are derived before the level above uses them)."""
    tree = {**TREE, "示例新区": "示例市", "示例县": "示例市"}
    population = {**POPULATION, "示例县": 40.0}
    specs, cube = _cube([(4, "甲街道", 2022, 40.0), (4, "乙街道", 2022, 60.0), (4, "丙街道", 2022, 50.0),
                         (4, "示例县", 2022, 30.0)])
    rolled = rollup_cube(specs, cube, tree, population)
    got = dict(zip(rolled.regions, rolled.values[rolled.index[4]][:, 2].tolist(), strict=True))
    assert got["示例市"] == (40 * 10 + 60 * 30 + 50 * 20 + 30 * 40) / 100
