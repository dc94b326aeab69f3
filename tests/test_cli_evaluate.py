"""`planwatch evaluate` and `planwatch decompose` from the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

from planwatch.cli import main

from .conftest import JINPU_TXT

FIGURES = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "jinpu-published-figures.csv"


def test_evaluate_as_json_has_every_documented_field(capsys: object) -> None:
    code = main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(FIGURES), "--as-of", "2022",
                 "--default-region", "金普新区", "--format", "json"])
    assert code == 0
    items = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert len(items) == 23
    assert set(items[0]) >= {"no", "name", "region", "status", "label", "expected", "actual", "ratio",
                             "required_rate", "projection", "binding", "explanation"}
    by_no = {i["no"]: i for i in items}
    assert (by_no[1]["status"], by_no[1]["label"]) == ("on_track", "基本符合预期")
    assert by_no[11]["status"] == "achieved_early" and "expected" in by_no[11]["flags"]
    assert by_no[19]["status"] == "no_data" and by_no[19]["actual"] is None


def test_evaluate_as_a_table(capsys: object) -> None:
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(FIGURES), "--as-of", "2022",
                 "--default-region", "金普新区"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.startswith("金普新区 2022年年度监测：")
    # a growth rate shows the year's own figure and, labelled, the period average it is judged by (issue #12)
    assert "  1  地区生产总值增长  预期性  基本符合预期  6.5%  当年4%（2022）；年均6.47%  99.55%" in out


def test_a_year_outside_the_plan_period_is_an_error(capsys: object) -> None:
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(FIGURES), "--as-of", "2019"]) == 2
    assert "不在规划期" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_a_plan_without_indicator_table_is_an_error(tmp_path: Path, capsys: object) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("第一章 总则\n加强领导。做好工作。\n", encoding="utf-8")
    assert main(["decompose", str(plan), "-o", str(tmp_path / "d.xlsx")]) == 2
    assert "没有找到主要指标表" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert not (tmp_path / "d.xlsx").exists()


def test_decompose_writes_an_excel_table(tmp_path: Path) -> None:
    out = tmp_path / "分解表.xlsx"
    assert main(["decompose", str(JINPU_TXT), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:8] == ("序号", "指标名称", "单位", "属性", "类型", "分解方法", "基期值", "2021年")
    gdp = rows[2]
    assert gdp[1] == "地区生产总值增长" and gdp[7:12] == (6.5, 6.5, 6.5, 6.5, 6.5)
    trade = rows[11]
    assert trade[1] == "外贸进出口总额" and trade[11] == 3500 and round(trade[7], 2) == 2648.32


def test_decompose_writes_csv_with_overrides(tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    assert main(["decompose", str(JINPU_TXT), "-o", str(out), "--kind", "9=no_target"]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[9][1] == "瞪羚、独角兽企业数量" and rows[9][4] == "无量化目标"


def test_a_bad_override_is_an_error(tmp_path: Path, capsys: object) -> None:
    assert main(["decompose", str(JINPU_TXT), "-o", str(tmp_path / "d.csv"), "--direction", "9=up"]) == 2
    assert "无法识别的设置" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_it_names_the_evaluation_by_the_year(tmp_path: Path, capsys: object) -> None:
    data = tmp_path / "obs.csv"
    data.write_text("indicator,year,value,region\n1,2021,9.0,甲区\n1,2023,5.0,甲区\n1,2021,3.0,乙区\n", encoding="utf-8")
    for year, mode in ((2022, "年度监测"), (2023, "中期评估"), (2025, "总结评估")):
        assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(data), "--as-of", str(year),
                     "--region", "乙区"]) == 0
        out = capsys.readouterr().out  # type: ignore[attr-defined]
        assert out.startswith(f"乙区 {year}年{mode}：") and "甲区" not in out


def test_an_unknown_region_is_an_error(tmp_path: Path, capsys: object) -> None:
    data = tmp_path / "obs.csv"
    data.write_text("indicator,year,value,region\n1,2021,9.0,甲区\n", encoding="utf-8")
    assert main(["evaluate", "--plan", str(JINPU_TXT), "--data", str(data), "--as-of", "2022", "--region", "丙区"]) == 2
    assert "数据中没有地区“丙区”" in capsys.readouterr().err  # type: ignore[attr-defined]
