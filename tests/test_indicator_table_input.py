"""A plan given only as its indicator table (.csv / .xlsx with the 表1-1 columns)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl

from planwatch.core.extract import extract_plan
from planwatch.core.model import Plan

HEADER = ["类别", "序号", "指标名称", "单位", "2020年", "2025年", "年均增长", "属性"]


def _rows(plan: Plan) -> list[list[str]]:
    rows = []
    for i in plan.indicators:
        rows.append([i.category, str(i.no), i.name, i.unit, i.baseline_raw, i.target.raw, i.growth.raw,
                     {"expected": "预期性", "binding": "约束性"}[i.attribute or "expected"]])
    return rows


def _strip_notes(plan: Plan) -> list[tuple[object, ...]]:
    return [(i.no, i.category, i.name, i.unit, i.baseline_value, i.target.meaning()[:4], i.growth.meaning()[:4],
             i.attribute) for i in plan.indicators]


def test_it_reads_the_indicator_table_from_csv(tmp_path: Path, jinpu: Plan) -> None:
    path = tmp_path / "indicators.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:  # as Excel saves CSV on Chinese Windows
        csv.writer(fh).writerows([HEADER, *_rows(jinpu)])
    plan = extract_plan(path)
    assert plan.source.format == "csv"
    assert _strip_notes(plan) == _strip_notes(jinpu)
    assert plan.counts()["chapters"] == 0 and plan.plan_years == (2020, 2025)


def test_it_reads_the_indicator_table_from_xlsx(tmp_path: Path, jinpu: Plan) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for row in _rows(jinpu):
        ws.append([float(c) if re.fullmatch(r"-?\d+(\.\d+)?", c) else c for c in row])  # numbers as numbers
    path = tmp_path / "indicators.xlsx"
    wb.save(path)
    plan = extract_plan(path)
    assert plan.source.format == "xlsx"
    assert _strip_notes(plan) == _strip_notes(jinpu)


def test_a_bad_target_cell_names_its_row_and_the_table_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",".join(HEADER) + "\n经济,1,地区生产总值,亿元,100,12abc,5,预期性\n", encoding="utf-8")
    plan = extract_plan(path)
    (warning,) = plan.warnings
    assert warning.place == "主要指标表第1行（地区生产总值）“2025年”列" and warning.text == "12abc"
    assert "目标值无法识别" in warning.reason
    (ind,) = plan.indicators
    assert (ind.target.raw, ind.target.value, ind.baseline_value, ind.growth.value) == ("12abc", None, 100, 5)
