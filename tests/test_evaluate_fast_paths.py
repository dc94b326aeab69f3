"""The fast paths of `planwatch evaluate` (issue #16) give what the code they replaced gave: the column-by-column
read against the row loop, the records' JSON against ``json.dumps(indent=2)``, the two-decimal numbers against
round-then-Decimal, the table grouped once against a scan per region — and the whole command's output with the
fast paths against the same command with the old ones."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from planwatch import exports
from planwatch.cli import main
from planwatch.core import observations, serialize
from planwatch.core.evaluation import Evaluation, Settings, evaluate, evaluation_mode
from planwatch.core.explain import fmt
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import KINDS, plan_specs
from planwatch.core.model import Plan
from planwatch.core.targets import format_number
from planwatch.synthetic import simulate

from .conftest import JINPU_TXT

FIELDS = ("indicator", "year", "region", "value", "flag", "source", "row")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return extract_plan(JINPU_TXT)


def _simulated_csv(plan: Plan, path: Path, regions: int = 12) -> Path:
    """模拟数据 for every Jinpu indicator, rows shuffled, with the spellings a person writes: names and numbers,
    padded cells, full-width digits, thousands separators, part-year and estimated periods, the unit written."""
    base, end = plan.plan_years
    assert base is not None and end is not None
    table = simulate(plan_specs(plan.indicators, base, end), regions, seed=3, gap_rate=0.1)
    by_no = {ind.no: ind for ind in plan.indicators}
    rng = random.Random(3)
    lines = ["indicator,year,value,region,source,period,unit"]
    order = list(range(len(table)))
    rng.shuffle(order)
    for k in order:
        ind = by_no[int(table.indicator[k])]
        written = rng.choice([str(ind.no), f" {ind.no} ", ind.name])
        value = f"{float(table.value[k]):.4f}"
        if rng.random() < 0.05:
            value = value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        elif rng.random() < 0.05 and abs(float(table.value[k])) >= 1000:
            value = f"\"{float(table.value[k]):,.4f}\""
        period = rng.choice(["", "", "全年", "1-9月", "全年(预计)"]) if int(table.year[k]) == end else ""
        unit = rng.choice(["", ind.unit])
        lines.append(f"{written},{int(table.year[k])},{value}, {table.regions[int(table.region[k])]} ,"
                     f"{table.sources[0]},{period},{unit}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _by_the_row_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(observations, "_by_columns", lambda *args: None)


def _same_tables(a: observations.ObservationTable, b: observations.ObservationTable) -> bool:
    return (all(np.array_equal(getattr(a, f), getattr(b, f)) and getattr(a, f).dtype == getattr(b, f).dtype
                for f in FIELDS) and (a.regions, a.sources, a.periods) == (b.regions, b.sources, b.periods))


def test_it_reads_a_table_column_by_column_as_the_row_loop_reads_it(plan: Plan, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = _simulated_csv(plan, tmp_path / "obs.csv")
    answers: list[object] = []
    by_columns = observations._by_columns

    def spy(*args: object) -> observations.ObservationTable | None:
        answers.append(by_columns(*args))
        return answers[-1]

    monkeypatch.setattr(observations, "_by_columns", spy)
    fast = observations.read_observations(path, plan.indicators)
    assert answers and answers[0] is not None  # the fast path did the work
    _by_the_row_loop(monkeypatch)
    slow = observations.read_observations(path, plan.indicators)
    assert len(fast) > 1000 and _same_tables(fast, slow)
    assert set(fast.periods) == {"", "全年", "1-9月", "全年(预计)"}


def _rows(path: Path) -> tuple[list[list[str]], list[str]]:
    import csv

    header, *rows = list(csv.reader(path.open(encoding="utf-8")))
    return rows, header


@pytest.mark.parametrize("bad", ["99,2023,1.5,甲,s", "1,23,1.5,甲,s", "1,2023,,甲,s", "1,2023,inf,甲,s",
                                 "1,2023,1.5,甲,s", "1,2023,一点五,甲,s"])
def test_it_leaves_a_table_with_a_problem_to_the_row_loop_which_names_the_rows(
        plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("indicator,year,value,region,source\n1,2023,1.5,甲,s\n2,2023,7,甲,s\n" + bad + "\n",
                    encoding="utf-8")
    assert observations._by_columns(*_rows(path), plan.indicators, "") is None
    with pytest.raises(observations.ObservationError) as fast:
        observations.read_observations(path, plan.indicators)
    assert "第4行" in str(fast.value)
    _by_the_row_loop(monkeypatch)
    with pytest.raises(observations.ObservationError) as slow:
        observations.read_observations(path, plan.indicators)
    assert str(fast.value) == str(slow.value)


def test_it_writes_records_as_the_indenting_encoder_does() -> None:
    records: list[dict[str, object]] = [
        {"no": 1, "name": "地区生产总值", "ok": True, "none": None, "x": 1.5, "big": 10**20, "flags": []},
        {"flags": ["stale", "expected"], "nested": {"a": [1, {"b": 2}]}, "empty": {}},
        {"text": "a: [b] and c: {d}", "t": ": []", "quote": "\"\\\n\t", "x": float("nan"), "y": -float("inf")},
        {}, {"only": []}, {"tuple": (1, 2)}, {"single": ["one"]},
    ]
    flat: list[dict[str, object]] = [{"a": 1, "b": "}, {", "c": [], "d": "中文"}, {"e": {}}, {"f": 2.5e-07}]
    for chosen in (records, records[:1], records[3:4], [], flat, [*flat, {"g": "x: [y"}], [*flat, {"h": [0]}],
                   [*flat, {"i": float("nan")}]):
        assert serialize.dumps_records(chosen) == serialize.dumps(chosen, indent=2)


def _number_by_decimal(value: float) -> str:
    """format_number as it was: every value through Decimal(repr(value))."""
    text = format(Decimal(repr(value)), "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def test_it_writes_numbers_to_two_decimals_as_round_and_decimal_did() -> None:
    rng = random.Random(16)
    values: list[float] = [0.0, -0.0, -0.001, 0.005, 2.675, 1e13, -1e13, 1e13 - 0.001, 1.5e20, 1e-7, 5.0,
                           float("nan"), float("inf")]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-6, 15) for _ in range(20000)]
    values += [round(v, rng.randint(0, 4)) for v in values[-5000:]]
    for x in values:
        assert format_number(x) == _number_by_decimal(x), x
        assert fmt(x, "%") == _number_by_decimal(round(x, 2)) + "%", x
    assert fmt(np.float64(3.14159), "亿元") == "3.14亿元" and format_number(7) == "7"


def _table_by_scanning(results: Sequence[Evaluation], as_of: int, base: int, end: int) -> str:
    """The table as it was written before: every result scanned once per region."""
    lines = []
    for region in dict.fromkeys(e.region for e in results):
        items = [e for e in results if e.region == region]
        counts: dict[str, int] = {}
        for e in items:
            counts[e.label] = counts.get(e.label, 0) + 1
        lines.append(f"{region} {as_of}年{evaluation_mode(as_of, base, end)}：" +
                     "，".join(f"{k}{v}项" for k, v in counts.items()))
        lines.append("序号  指标名称  属性  状态  目标/应达  实际（年份）  进度  所需年均  预测末年值")
        for e in items:
            unit = KINDS[e.kind].result_unit or e.unit
            lines.append(f"{e.no:>3}  {e.name}  {'约束性' if e.binding else '预期性'}  {e.label}  "
                         f"{exports._n(e.expected, unit)}  {e.actual_text}  {e.progress}  "
                         f"{exports._n(e.required_rate)}  {exports._n(e.projection)}")
        lines.append("")
    return "\n".join(lines)


def test_it_writes_the_table_as_the_scan_per_region_did(plan: Plan, tmp_path: Path) -> None:
    base, end = plan.plan_years
    assert base is not None and end is not None
    table = observations.read_observations(_simulated_csv(plan, tmp_path / "obs.csv"), plan.indicators)
    for as_of in (2023, 2025):
        results = evaluate(plan_specs(plan.indicators, base, end), table, as_of, Settings())
        assert exports.evaluation_table(results, as_of, base, end) == _table_by_scanning(results, as_of, base, end)


@pytest.mark.parametrize("form", ["json", "table"])
def test_the_whole_command_says_what_it_said_before(plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     form: str) -> None:
    data = _simulated_csv(plan, tmp_path / "obs.csv")
    args = ["evaluate", "--plan", str(JINPU_TXT), "--data", str(data), "--as-of", "2025", "--format", form, "-o"]
    assert main([*args, str(tmp_path / "fast")]) == 0
    _by_the_row_loop(monkeypatch)
    monkeypatch.setattr(serialize, "dumps_records_utf8", lambda records, newline=False: (
        serialize.dumps(records, indent=2) + "\n" * newline).encode("utf-8"))
    monkeypatch.setattr(exports, "evaluation_table", _table_by_scanning)
    assert main([*args, str(tmp_path / "slow")]) == 0
    fast = (tmp_path / "fast").read_bytes()
    assert fast == (tmp_path / "slow").read_bytes()
    if form == "json":
        assert len(json.loads(fast)) == 12 * 23
