"""A 总结评估 on data older than the end year says so and judges by projection (issue #12, item 9).

The published Jinpu figures stop in 2021–2022. As of 2025 瞪羚、独角兽企业 has 49 (2021), far ahead of its path
(31 → 60左右): it was 未完成 only because 2025 had no value. Now it is 预计完成, its sentence says 数据截至2021年 and
what the trend gives for 2025, and the JSON carries ``data_year``. Values of the end year itself are judged as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from planwatch.cli import main

from .conftest import JINPU_TXT

FIGURES = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "jinpu-published-figures.csv"
SIMULATED = Path(__file__).resolve().parent / "fixtures" / "data" / "jinpu-obs-simulated.csv"


def _json(capsys: pytest.CaptureFixture[str], data: Path, as_of: int) -> dict[int, dict[str, object]]:
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(data), "--as-of", str(as_of),
                 "--default-region", "金普新区", "--format", "json"]) == 0
    return {r["no"]: r for r in json.loads(capsys.readouterr().out)}


def test_the_latest_value_of_an_earlier_year_is_judged_by_its_projection(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, FIGURES, 2025)
    assert {no: (r["status"], r["data_year"]) for no, r in rows.items() if r["data_year"]} == {
        1: ("projected_not_met", 2022),  # 地区生产总值增长 6.47 % over 2021–22, trend 4.98 % < 6.5
        2: ("projected_not_met", 2021),  # 社会消费品零售总额增长 4.6 %
        3: ("projected_met", 2022),  # 一般公共预算收入增长 8.15 %
        9: ("projected_met", 2021),  # 瞪羚、独角兽企业 49家 in 2021
        10: ("projected_not_met", 2022),  # 外贸 2335亿元 in 2022, below the baseline 2470
        11: ("projected_met", 2022),  # 实际利用外资 15.27亿美元 (预计数)
    }
    gazelles = rows[9]
    assert (gazelles["label"], gazelles["actual"], gazelles["projection"]) == ("预计完成", 49.0, 306.0)
    assert str(gazelles["explanation"]).endswith("数据截至2021年，按趋势推算2025年为306家，预计完成。")
    assert "Data up to 2021" in str(gazelles["explanation_en"])


def test_values_of_the_end_year_are_judged_as_met_or_not(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, SIMULATED, 2025)
    assert {r["status"] for no, r in rows.items() if r["data_year"] == 2025} <= {"met", "not_met", "target_pending"}
    assert (rows[21]["status"], rows[21]["data_year"]) == ("projected_met", 2024)  # 空气质量: 2025 not yet reported


def test_a_final_report_before_the_end_year_is_not_printed_as_the_plans_end(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(SIMULATED), "--as-of", "2023", "--kind", "final",
                 "--default-region", "金普新区", "-o", str(out)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "规划期末" not in text and "截至2023年（规划期至2025年，尚未期满，各项结论为监测判断）" in text
