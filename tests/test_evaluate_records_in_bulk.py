"""The command line's JSON records are made straight from the results' columns (``evaluate_records``, issue #16),
without the result objects: the same records as each result's ``as_dict``, in the same order and key order, for
all regions, for a region asked for alone, and for every year; ``as_dict`` itself is made from the same columns."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from planwatch.core.evaluation import EvaluationRecord, evaluate, evaluate_records
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
    specs[0] = dataclasses.replace(specs[0], revised_from=base + 3, revised_by="关于调整{目标}的通知")  # flag: revised
    return specs


def _table(specs: list[IndicatorSpec]) -> ObservationTable:
    table = simulate(specs, 30, seed=3, gap_rate=0.25, spread=2.0)
    table.flag[:] = np.random.default_rng(3).choice([0, 0, 1, 2], size=len(table))  # estimates, part-year figures
    return table


def _same(got: list[EvaluationRecord], want: list[EvaluationRecord]) -> None:
    assert got == want
    assert [list(r) for r in got] == [list(r) for r in want]  # the keys in the same order
    assert [list(r) for r in want[:1]] == [["no", "name", "region", "kind", "status", "label", "binding", "unit",
                                             "expected", "actual", "actual_year", "ratio", "required_rate",
                                             "projection", "explanation", "flags", "explanation_en", "data_year",
                                             "year_value", "period_value"]]


@pytest.mark.parametrize("path", [JINPU_TXT, EVAL_PLAN], ids=["jinpu", "eval-plan"])
def test_it_writes_the_records_each_result_would_write(path: Path) -> None:
    specs = _specs(path)
    table = _table(specs)
    for as_of in range(specs[0].base_year + 1, specs[0].end_year + 1):
        _same(evaluate_records(specs, table, as_of), [e.as_dict() for e in evaluate(specs, table, as_of)])


def test_it_writes_the_records_of_regions_asked_for_alone() -> None:
    specs = _specs(JINPU_TXT)
    table = _table(specs)
    for regions in ([table.regions[7]], list(table.regions[::7])):
        _same(evaluate_records(specs, table, 2024, regions=regions),
              [e.as_dict() for e in evaluate(specs, table, 2024, regions=regions)])


def test_a_record_holds_the_sentence_data_year_and_flags_of_its_result() -> None:
    specs = _specs(JINPU_TXT)
    for e in evaluate(specs, _table(specs), 2024)[:200]:
        record = e.as_dict()
        assert (record["explanation"], record["explanation_en"]) == (e.explanation, e.explained("en"))
        assert (record["data_year"], record["flags"]) == (e.actual_year, list(e.flags))
        assert record["region"] == e.region and record["period_value"] == e.period_value
