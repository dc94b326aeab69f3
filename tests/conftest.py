"""Shared fixtures: the Jinpu plan as shipped, and real .docx/.html/.pdf renderings of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.extract import extract_plan
from planwatch.core.model import Plan
from planwatch.core.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "src" / "planwatch" / "data" / "plans"
JINPU_TXT = PLANS / "jinpu-14th-fyp.txt"
JINPU_INTERPRETATION = PLANS / "jinpu-14th-fyp-interpretation.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVAL_PLAN = FIXTURES / "eval-plan.csv"


def eval_plan_cube(rows: list[tuple[int, str, int, float]]):  # type: ignore[no-untyped-def]
    """The specs of the small example plan (fixtures/eval-plan.csv, 2020–2025) and the cube of ``rows``
    (indicator, region, year, value): what the roll-up tests start from."""
    from planwatch.core.evaluation import build_cube
    from planwatch.core.kinds import plan_specs
    from planwatch.core.observations import build_table

    plan = extract_plan(EVAL_PLAN)
    specs = plan_specs(plan.indicators, 2020, 2025)
    table = build_table([{"indicator": str(i), "region": r, "year": str(y), "value": str(v)} for i, r, y, v in rows],
                        plan.indicators)
    return specs, build_cube(specs, table)


@pytest.fixture(scope="session")
def jinpu() -> Plan:
    return extract_plan(JINPU_TXT)


@pytest.fixture(scope="session")
def jinpu_renderings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Jinpu plan typeset as .docx, .html and .pdf (see planwatch.testing.render)."""
    from planwatch.testing.render import render_docx, render_html, render_pdf

    out = tmp_path_factory.mktemp("jinpu")
    blocks = read_document(JINPU_TXT).blocks
    paths = {"docx": out / "jinpu.docx", "html": out / "jinpu.html", "pdf": out / "jinpu.pdf"}
    render_docx(blocks, paths["docx"])
    render_html(blocks, paths["html"])
    render_pdf(blocks, paths["pdf"])
    return paths
