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
