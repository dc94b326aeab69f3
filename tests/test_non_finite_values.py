"""NaN and infinity never enter as a value and never leave as one: refused with a clear line where a number is read,
and treated as missing where one is computed or found, so every JSON the project writes is strict JSON."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from planwatch.core.evaluation import Settings, evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.observations import ObservationError, ObservationTable, read_observations

PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"
NON_FINITE = ["nan", "NaN", "inf", "-Infinity", "1e309", "-1e400"]


def _strict(text: str) -> object:
    """Parse JSON as a strict parser would: NaN, Infinity and -Infinity are not JSON."""
    def refuse(constant: str) -> object:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


def _observations(path: Path, values: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["indicator", "year", "value"])
        writer.writerows(["3", str(2021 + i), v] for i, v in enumerate(values))
    return path


def test_the_observation_csv_refuses_values_that_are_not_finite(tmp_path: Path) -> None:
    path = _observations(tmp_path / "obs.csv", NON_FINITE)
    with pytest.raises(ObservationError) as err:
        read_observations(path, extract_plan(PLAN).indicators, "示例区")
    assert "数值不是有限数字（nan、inf 或超出范围）：第2、3、4、5、6、7行（共6行）" in str(err.value)


def test_the_cli_refuses_them_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    data = _observations(tmp_path / "obs.csv", ["5.0", "inf"])
    out = tmp_path / "eval.json"
    result = subprocess.run([sys.executable, "-m", "planwatch.cli", "evaluate", "--plan", str(PLAN), "--data", str(data),
                             "--as-of", "2022", "--default-region", "示例区", "--format", "json", "-o", str(out)],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "数值不是有限数字" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def _table_with(value: float) -> ObservationTable:
    """A table as a database might hand it over, holding a value no reader would have let in."""
    return ObservationTable(np.array([3, 3], dtype=np.int32), np.array([2021, 2022], dtype=np.int32),
                            np.zeros(2, dtype=np.int32), np.array([2500.0, value]), np.zeros(2, dtype=np.int8),
                            np.zeros(2, dtype=np.int32), np.array([2, 3], dtype=np.int32), ("示例区",), ("",))


@pytest.mark.parametrize("value", [math.inf, -math.inf])  # NaN was missing already
def test_a_stored_non_finite_value_counts_as_missing_in_the_evaluation(value: float) -> None:
    plan = extract_plan(PLAN)
    results = evaluate(plan_specs(plan.indicators, *plan.plan_years), _table_with(value), 2022, Settings())
    trade = next(r for r in results if r.no == 3)
    assert (trade.actual, trade.actual_year) == (2500.0, 2021)  # the 2022 value is missing, 2021 stands
    _strict(json.dumps([r.as_dict() for r in results], allow_nan=True))


def _indicator_table(path: Path, target: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["类别", "序号", "指标名称", "单位", "2020年", "2025年", "年均增长", "属性"],
                                  ["开放", "1", "外贸进出口总额", "亿元", "2470", target, "", "预期性"]])
    return path


@pytest.mark.parametrize("target", [*NON_FINITE, "1" + "0" * 400])
def test_a_plan_table_cell_is_never_read_as_a_non_finite_number(tmp_path: Path, target: str) -> None:
    path = _indicator_table(tmp_path / "table.csv", target)
    result = subprocess.run([sys.executable, "-m", "planwatch.cli", "extract", str(path), "--format", "json"],
                            capture_output=True, text=True, check=False, timeout=60)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:  # kept as text without a number
        plan = _strict(result.stdout)
        assert isinstance(plan, dict)
        assert plan["indicators"][0]["target"]["value"] is None
    else:  # refused in one short line that names the cell
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "外贸进出口总额" in lines[0] and len(lines[0]) < 200, lines
