"""Real corpus plans written out by LibreOffice read as their text does: a Word file (python-docx, from the text's
blocks) converted by ``soffice --headless --convert-to`` to HTML ("save as HTML"), to PDF (LibreOffice's PDF export)
and to .docx again (LibreOffice's own Word writer) gives the same outline counts, titles, indicator table (cell by
cell), and commitments as the .txt.

One difference is tolerated, in the PDF only: a space between two Chinese characters (``坚持创新驱动发展 全面塑造发展
新优势``) is not kept, because a PDF text layer does not tell a typed space from the gap a typesetter leaves, and the
reader removes such gaps; PDF titles, cells and commitments are compared with their whitespace removed.

Conversions are slow: each format is converted once for the module, both plans in one LibreOffice run, with a
throwaway profile (``-env:UserInstallation``) in a temporary folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from planwatch.core.extract import extract_plan
from planwatch.core.model import Plan
from planwatch.core.readers import read_document
from planwatch.core.serialize import indicator_dict
from planwatch.testing.render import render_docx

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
PLANS = ("rural-revitalization-2024-2027", "national-14th-fyp")  # a 一、/（一） plan; 篇/章/节 with a Word table
FORMATS = ("html", "pdf", "docx")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
              pytest.mark.skipif(not REAL.is_dir(), reason=f"the real-plan corpus {REAL} is not here")]


@pytest.fixture(scope="module")
def renderings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    assert SOFFICE is not None
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for name in PLANS:
        source = folder / f"{name}.docx"
        render_docx(read_document(REAL / f"{name}.txt").blocks, source)
        sources.append(str(source))
    out: dict[tuple[str, str], Path] = {}
    for fmt in FORMATS:
        target = folder / fmt
        subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                        "--convert-to", fmt, "--outdir", str(target), *sources],
                       check=True, capture_output=True, timeout=180)
        for name in PLANS:
            out[(name, fmt)] = target / f"{name}.{fmt}"
            assert out[(name, fmt)].stat().st_size > 1000, f"LibreOffice wrote no {fmt} for {name}"
    return out


def _squeeze(value: Any) -> Any:
    """The PDF's tolerance: whitespace removed from every string (in lists, tuples and dicts)."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, dict):
        return {k: _squeeze(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_squeeze(v) for v in value)
    return value


def _reading(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title, "period": plan.plan_years, "counts": plan.counts(),
        "outline": [(n.id, n.kind, n.title) for n in plan.root.walk()],
        "table cells": [n.rows for n in plan.root.walk() if n.kind == "table"],
        "indicators": [indicator_dict(i) for i in plan.indicators],
        "commitments": sorted((c.quantity, c.deadline, c.node, c.value, c.unit) for c in plan.commitments),
        "projects": [(p.name, p.node) for p in plan.projects],
    }


@pytest.fixture(scope="module")
def from_text() -> dict[str, dict[str, Any]]:
    return {name: _reading(extract_plan(REAL / f"{name}.txt")) for name in PLANS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", PLANS)
def test_a_libreoffice_rendering_reads_as_the_text(name: str, fmt: str, renderings: dict[tuple[str, str], Path],
                                                   from_text: dict[str, dict[str, Any]]) -> None:
    plan = extract_plan(renderings[(name, fmt)])
    assert plan.source.format == fmt
    got, expected = _reading(plan), from_text[name]
    if fmt == "pdf":
        got, expected = _squeeze(got), _squeeze(expected)
    for key, value in expected.items():  # key by key, so that a failure names the part that differs
        assert got[key] == value, key


def test_the_renderings_hold_what_the_hand_counts_say(renderings: dict[tuple[str, str], Path]) -> None:
    # not only equal to the text: equal to the README's hand counts, so that both cannot be wrong together
    national = extract_plan(renderings[("national-14th-fyp", "pdf")]).counts()
    assert (national["parts"], national["chapters"], national["sections"], national["indicators"],
            national["expected"], national["binding"]) == (19, 65, 192, 20, 12, 8)
    rural = extract_plan(renderings[("rural-revitalization-2024-2027", "html")]).counts()
    assert (rural["subsections"], rural["clauses"]) == (11, 34)


def test_the_pdf_is_libreoffice_s_own_export(renderings: dict[tuple[str, str], Path]) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(renderings[("national-14th-fyp", "pdf")])
    try:
        assert "LibreOffice" in pdf.get_metadata_dict().get("Producer", "")
    finally:
        pdf.close()
    html = renderings[("national-14th-fyp", "html")].read_text(encoding="utf-8", errors="replace")
    assert "LibreOffice" in html[:2000]
