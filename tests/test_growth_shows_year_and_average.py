"""A growth rate shows the year's own figure and the period average, each labelled; counts are whole (issue #12,
item 8).

地区生产总值增长 on the published figures: 9.0 % (2021), 4.0 % (2022, 1-9月). The status is judged on the compound
average √(1.09 · 1.04) − 1 = 6.47 %, and the 实际 column used to show only that, as if it were 2022's figure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.decompose import decompose
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs

from .conftest import JINPU_TXT

FIGURES = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "jinpu-published-figures.csv"


def test_the_year_and_the_average_are_both_given_and_labelled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(FIGURES), "--as-of", "2022",
                 "--default-region", "金普新区", "--format", "json"]) == 0
    gdp = next(r for r in json.loads(capsys.readouterr().out) if r["no"] == 1)
    assert (gdp["actual"], gdp["year_value"], gdp["period_value"], gdp["actual_year"]) == (6.4707, 4.0, 6.4707, 2022)
    assert gdp["explanation"].startswith("2021—2022年2个年度增速的复合平均为6.47%，2022年当年增长4%（2022年为部分年度），")
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(FIGURES), "--as-of", "2022",
                 "--default-region", "金普新区"]) == 0
    assert "  地区生产总值增长  预期性  基本符合预期  6.5%  当年4%（2022）；年均6.47%  99.55%" in capsys.readouterr().out


def test_a_level_shows_its_own_figure_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(FIGURES), "--as-of", "2022",
                 "--default-region", "金普新区", "--format", "json"]) == 0
    trade = next(r for r in json.loads(capsys.readouterr().out) if r["no"] == 10)
    assert (trade["actual"], trade["year_value"], trade["period_value"]) == (2335.0, 2335.0, None)


def test_counts_are_never_fractional() -> None:
    specs = plan_specs(extract_plan(JINPU_TXT).indicators, 2020, 2025)
    gazelles = {row.no: row for row in decompose(specs)}[9]  # 瞪羚、独角兽企业 31 → 60左右 家, compound
    # 31·(60/31)^(k/5) = 35.38, 40.37, 46.07, 52.58, 60: whole enterprises on the path
    assert gazelles.values == {2021: 35.0, 2022: 40.0, 2023: 46.0, 2024: 53.0, 2025: 60.0}
    per_head = {row.no: row for row in decompose(specs)}[15]  # 每千人口执业医师数 人: a ratio, not a count
    assert per_head.values[2021] == 3.2088 and not specs[14].counts  # 3·(4.2/3)^(1/5), not rounded
