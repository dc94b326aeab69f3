"""The HTML report prints as a document: A4 with the .docx margins, colours kept, header rows repeated on each
page, rows and figures not split, the title's lines balanced."""

from __future__ import annotations

from pathlib import Path

from planwatch.cli import main

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"


def test_the_html_report_has_print_rules(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", "final",
                 "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    style = page.split("<style>")[1].split("</style>")[0]
    assert "@page{size:A4;margin:37mm 26mm 35mm 28mm}" in style
    printing = style.split("@media print{")[1]
    assert "print-color-adjust:exact" in printing and "tr,figure,img,.notice{break-inside:avoid}" in printing
    assert "thead{display:table-header-group}" in style and "h1{text-wrap:balance}" in style
    body = page.split("<body>")[1]
    assert body.count("<table>") == body.count("<thead>") == body.count("<caption>") > 0
