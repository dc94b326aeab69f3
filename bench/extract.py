"""Extraction benchmarks (issue: digitise any plan). Writes the results table into docs/benchmarks.md.

Run: .venv/bin/python bench/extract.py            (about a minute on the 2-core reference machine)

Each measured figure has a baseline measured in the same run, so the ratio survives a slower machine:
- parse time of the .txt against merely reading and decoding the file;
- the whole `planwatch extract` command against starting Python and importing planwatch;
- the .pdf and .docx against the .txt of the same plan.
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

from planwatch.core.extract import extract_plan
from planwatch.core.readers import read_document
from planwatch.core.readers.encoding import decode_text
from planwatch.testing.render import render_docx, render_pdf

JINPU = ROOT / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt"


def command_seconds(args: list[str], runs: int) -> float:
    return median_seconds(lambda: subprocess.run(args, check=True, capture_output=True), runs)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-bench-"))
    blocks = read_document(JINPU).blocks
    pdf, docx = tmp / "jinpu.pdf", tmp / "jinpu.docx"
    render_pdf(blocks, pdf)
    render_docx(blocks, docx)
    exe = [sys.executable, "-m", "planwatch", "extract"]

    txt_parse = median_seconds(lambda: extract_plan(JINPU), 20)
    txt_read = median_seconds(lambda: decode_text(JINPU.read_bytes(), JINPU.name), 20)
    pdf_parse = median_seconds(lambda: extract_plan(pdf), 5)
    docx_parse = median_seconds(lambda: extract_plan(docx), 5)
    cmd_txt = command_seconds(exe + [str(JINPU), "--format", "json"], 10)
    cmd_pdf = command_seconds(exe + [str(pdf), "--format", "json"], 5)
    startup = command_seconds([sys.executable, "-c", "import planwatch.cli"], 10)

    rows = [
        ("extract Jinpu .txt, parse time (in process)", txt_parse, "read + decode the .txt", txt_read, "≤ 0.3 s"),
        ("`planwatch extract` Jinpu .txt, whole command", cmd_txt, "python startup + import planwatch",
         startup, "≤ 1 s"),
        ("extract Jinpu .pdf (72 pages), parse time", pdf_parse, "extract the .txt", txt_parse, "≤ 3 s"),
        ("`planwatch extract` Jinpu .pdf, whole command", cmd_pdf, "python startup + import planwatch", startup,
         "≤ 3 s"),
        ("extract Jinpu .docx, parse time", docx_parse, "extract the .txt", txt_parse, "—"),
    ]
    goals = {"≤ 0.3 s": 0.3, "≤ 1 s": 1.0, "≤ 3 s": 3.0}
    lines = [
        f"Machine: {machine()}  ",
        ("Medians of 5–20 runs after one warm-up run; the PDF and DOCX are the Jinpu plan typeset by "
         "`planwatch.testing.render` (ruled tables and 专栏 boxes, running header, page numbers)."),
        "",
        "| measurement | median | baseline (same run) | baseline median | ratio | goal | met |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for name, value, base_name, base, goal in rows:
        met = "yes" if goal in goals and value <= goals[goal] else ("—" if goal == "—" else "NO")
        lines.append(f"| {name} | {value * 1000:.0f} ms | {base_name} | {base * 1000:.0f} ms | "
                     f"{value / base:.1f}× | {goal} | {met} |")
    write_section("extraction", lines)


if __name__ == "__main__":
    main()
