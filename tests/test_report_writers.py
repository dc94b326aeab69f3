"""The report writers are one registry (planwatch.reports.writers): each format's content type and a function from
the report to its bytes. The command line writes exactly those bytes; the web serves them with that content type
(tests/web/test_report_download.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.reports.build import report_from_files
from planwatch.reports.writers import WRITERS, render

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"


def test_every_format_has_its_content_type() -> None:
    assert {fmt: w.content_type for fmt, w in WRITERS.items()} == {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "html": "text/html; charset=utf-8",
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


@pytest.mark.parametrize(("fmt", "magic"), [("docx", b"PK\x03\x04"), ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF-")])
def test_the_command_line_writes_the_bytes_the_writer_returns(tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", "annual",
                 "-o", str(out)]) == 0
    body = render(report_from_files(JINPU_TXT, DATA, 2025, "annual"), fmt)
    assert body.startswith(magic)
    if fmt == "html":  # the .docx and the PDF carry a creation time; the HTML is the same to the byte
        assert out.read_bytes() == body
