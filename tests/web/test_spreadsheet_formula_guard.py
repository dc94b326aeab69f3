"""Text that a spreadsheet would run as a formula is written inert by every .csv/.xlsx writer (the API exports,
the assignment template, the 分解表), by one guard, ``planwatch.exports.safe_cell``: a cell whose first
non-blank character is = + - @ (or their full-width forms ＝ ＋ － ＠), after any leading spaces, tabs, CR or
LF, gets an apostrophe in front. Numbers written as text (-5, +3.2) stay as they are."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client

from planwatch.exports import safe_cell, write_decomposition
from planwatch.web.accounts.models import Department
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan

FORMULAS = ["=1+1", "\t=1+1", "\r=1+1", "\n=1+1", "  =1+1", "\u3000=1+1", "＝1+1", "＋1+1", "－1+1", "＠SUM(A1)",
            "+1+1", "-1+1", "@SUM(A1)", " \t\r\n=HYPERLINK(\"http://evil\")"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-5", "+3.2", " -1.5", "统计局", "5%", "", 12, -3.5, None])
def test_numbers_and_ordinary_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


@pytest.mark.parametrize("text", FORMULAS)
def test_the_api_exports_write_formulas_inert(outsider: Client, demo: Plan, text: str) -> None:
    Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025, value=1.0,
                               source=text, status=Status.PUBLISHED)
    body = outsider.get(f"/api/plans/{demo.pk}/export/observations?format=csv").content.decode("utf-8-sig")
    sources = [row[list(next(csv.reader(io.StringIO(body)))).index("source")] for row in csv.reader(io.StringIO(body))]
    assert "'" + text in sources and text not in sources
    workbook = openpyxl.load_workbook(io.BytesIO(
        outsider.get(f"/api/plans/{demo.pk}/export/observations?format=xlsx").content))
    cells = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "'" + text in cells and text not in cells


def test_the_assignment_template_writes_every_text_column_inert(admin_client: Client, demo: Plan) -> None:
    indicator = demo.indicators.get(no=1)
    Department.objects.filter(pk=indicator.lead_id).update(name="\t=1+1")
    workbook = openpyxl.load_workbook(io.BytesIO(
        admin_client.get(f"/plans/{demo.pk}/assignments/?download=1").content))
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert "'\t=1+1" in cells and "\t=1+1" not in cells


def test_the_decomposition_table_writes_formulas_inert(tmp_path: object) -> None:
    from pathlib import Path

    from planwatch.core.decompose import DecompositionRow

    row = DecompositionRow(no=1, name="\r=1+1", unit="%", attribute="预期性", kind="level", method="等差",
                           baseline=1.0, values={2021: 1.0}, note="＝HYPERLINK()")
    out = Path(str(tmp_path)) / "分解表.csv"
    write_decomposition([row], str(out))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for r in csv.reader(fh) for c in r]
    assert "'\r=1+1" in cells and "'＝HYPERLINK()" in cells
