"""Report benchmark: the Jinpu final-evaluation .docx with all its charts.

Run: .venv/bin/python bench/report.py
Baseline in the same run: drafting the report's content without rendering (evaluation included).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, median_seconds, write_section

from planwatch.reports.build import report_from_files
from planwatch.reports.writers import render

PLAN = ROOT / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt"
DATA = ROOT / "tests" / "fixtures" / "data" / "jinpu-obs-simulated.csv"


def main() -> None:
    out = Path(tempfile.mkdtemp()) / "report.docx"
    content = median_seconds(lambda: report_from_files(PLAN, DATA, 2025, "final"), 5)
    report = report_from_files(PLAN, DATA, 2025, "final")
    figures = sum(1 for _ in _figures(report.sections))
    docx_time = median_seconds(lambda: out.write_bytes(render(report_from_files(PLAN, DATA, 2025, "final"), "docx")),
                               5)
    html_time = median_seconds(lambda: render(report_from_files(PLAN, DATA, 2025, "final"), "html"), 3)
    pdf_time = median_seconds(lambda: render(report_from_files(PLAN, DATA, 2025, "final"), "pdf"), 3)
    command = median_seconds(lambda: subprocess.run(
        [sys.executable, "-m", "planwatch", "report", "--plan", str(PLAN), "--data", str(DATA), "--as-of", "2025",
         "--kind", "final", "-o", str(out)], check=True, capture_output=True), 3)
    rows = [("Jinpu final evaluation .docx, in process", docx_time, "≤ 3 s"),
            ("the same as .html (charts embedded)", html_time, "—"),
            ("the same as PDF (LibreOffice headless converts the .docx)", pdf_time, "—"),
            ("`planwatch report … -o report.docx`, whole command", command, "—")]
    lines = [f"Machine: {machine()}  ",
             (f"Data: tests/fixtures/data/jinpu-obs-simulated.csv (real published figures plus 模拟数据); "
             f"{figures} charts drawn with matplotlib and Noto Sans SC."), "",
             "| measurement | median | baseline: drafting the content only | ratio | goal | met |",
             "|---|---:|---:|---:|---|---|"]
    for name, value, goal in rows:
        met = "—" if goal == "—" else ("yes" if value <= 3.0 else "NO")
        lines.append(f"| {name} | {value * 1000:.0f} ms | {content * 1000:.0f} ms | {value / content:.0f}× | {goal} | "
                     f"{met} |")
    write_section("reports", lines)


def _figures(sections: object) -> object:
    for s in sections:  # type: ignore[attr-defined]
        yield from s.figures
        yield from _figures(s.children)


if __name__ == "__main__":
    main()
