"""The sentences of many results are written group by group (the regions whose sentence has one shape, one format
per phrase: issue #16): each says what the sentence of its cell alone says, in Chinese and English, whichever
regions were asked for, and a result keeps its sentence when the cache pickles it."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import numpy as np
import pytest

from planwatch.core.evaluation import Evaluation, Settings, build_cube, evaluate, evaluate_cube, evaluations, explain
from planwatch.core.explain import Sentence
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import IndicatorSpec, plan_specs
from planwatch.core.observations import ObservationTable
from planwatch.synthetic import simulate

from .conftest import JINPU_TXT

EVAL_PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"


def _specs(path: Path) -> list[IndicatorSpec]:
    plan = extract_plan(path)
    base, end = plan.plan_years
    assert base is not None and end is not None
    specs = plan_specs(plan.indicators, base, end)
    # a revised target, a kind set to no_target by hand and a target still to be handed down, beside the plan's own
    specs[0] = dataclasses.replace(specs[0], revised_from=base + 3, revised_by="关于调整{目标}的通知")
    specs[2] = dataclasses.replace(specs[2], kind="no_target")
    specs[3] = dataclasses.replace(specs[3], kind="no_target", target_pending=True, reason="以市目标下达为准")
    return specs


def _table(specs: list[IndicatorSpec], seed: int) -> ObservationTable:
    """模拟数据 with gaps, and estimates and part-year figures among the latest values."""
    table = simulate(specs, 40, seed=seed, gap_rate=0.25, spread=2.0)
    table.flag[:] = np.random.default_rng(seed).choice([0, 0, 0, 1, 2], size=len(table))
    return table


@pytest.mark.parametrize("path", [JINPU_TXT, EVAL_PLAN], ids=["jinpu", "eval-plan"])
def test_each_sentence_of_a_group_is_the_sentence_of_its_cell_alone(path: Path) -> None:
    specs = _specs(path)
    table = _table(specs, seed=7)
    for as_of in range(specs[0].base_year + 1, specs[0].end_year + 1):
        for settings in (Settings(), Settings(approx_tolerance=0.2)):
            cube = build_cube(specs, table)
            results = evaluate_cube(specs, cube, as_of, settings)
            by_no = {spec.no: (spec, res) for spec, res in zip(specs, results, strict=True)}
            for e in evaluations(specs, cube, results, as_of):
                spec, res = by_no[e.no]
                alone = explain(spec, res, cube.regions.index(e.region), as_of, e.status)  # rendered phrase by phrase
                assert (e.explanation, e.explained("en")) == (alone.render("zh"), alone.render("en"))
                assert e.as_dict()["explanation_en"] == alone.render("en")


def test_a_region_asked_for_alone_is_explained_as_among_all() -> None:
    specs = _specs(EVAL_PLAN)
    table = _table(specs, seed=8)
    every = {(e.region, e.no): e for e in evaluate(specs, table, 2024)}
    for region in (table.regions[3], table.regions[-1]):
        for e in evaluate(specs, table, 2024, regions=[region]):
            assert e == every[(region, e.no)]
            assert e.explained("en") == every[(region, e.no)].explained("en")


def test_a_result_keeps_its_sentence_when_pickled() -> None:
    specs = _specs(JINPU_TXT)
    results = evaluate(specs, _table(specs, seed=9), 2025)[:60]
    again: list[Evaluation] = pickle.loads(pickle.dumps(results))
    assert again == results
    assert all(isinstance(e.sentence, Sentence) for e in again)  # stored as phrases, not the whole indicator's arrays
    assert [(e.explanation, e.explained("en")) for e in again] == [(e.explanation, e.explained("en")) for e in results]
