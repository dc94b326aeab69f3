"""Every status explanation exists in Chinese and in English, and both sentences state the same figures."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.core.evaluation import evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.observations import build_table
from planwatch.synthetic import simulate

PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"
CJK = re.compile(r"[\u3400-\u9fff]+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _evaluations(as_of: int) -> list:  # type: ignore[type-arg]
    plan = extract_plan(PLAN)
    specs = plan_specs(plan.indicators, 2020, 2025)
    table = simulate(specs, regions=40, seed=5, gap_rate=0.3)  # gaps: some regions have no data at all
    records = [{"indicator": str(i), "year": str(y), "value": str(float(v)), "region": table.regions[int(r)],
                "flag": "1-9月" if (i + y) % 7 == 0 else ""}  # some part-year values, for the notes
               for i, y, v, r in zip(table.indicator, table.year, table.value, table.region, strict=True)]
    return evaluate(specs, build_table(records, plan.indicators), as_of)


def test_each_kind_and_status_is_explained_in_both_languages() -> None:
    seen = set()
    for as_of in (2022, 2023, 2025):
        for e in _evaluations(as_of):
            seen.add((e.kind, e.status))
            english = e.explained("en")  # rendered on demand from the same sentence
            assert e.explanation and english, (e.kind, e.status)
            words = re.sub(r"“[^”]*”", "", english)  # a quoted indicator name is data, not prose
            assert set(CJK.findall(words)) <= set(CJK.findall(e.unit)), english  # units stay as written
            if e.status != "no_target":  # the Chinese also quotes the reason, which may hold numbers of its own
                assert sorted(NUMBER.findall(e.explanation)) == sorted(NUMBER.findall(english)), (
                    e.explanation, english)
    kinds = {k for k, _ in seen}
    assert kinds >= {"growth_rate", "level", "ceiling", "floor", "cumulative", "range", "relational", "no_target"}
    assert {s for _, s in seen} >= {"no_data", "met", "not_met", "behind"}
