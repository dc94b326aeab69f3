"""Report benchmark: the Jinpu final-evaluation .docx with all its charts, PDF, and the whole commands.

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


def _command(out: Path, kind: str, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + sys of the child) of one whole `planwatch report` command."""
    import resource
    import statistics
    import time

    args = [sys.executable, "-m", "planwatch", "report", "--plan", str(PLAN), "--data", str(DATA), "--as-of", "2025",
            "--kind", kind, "-o", str(out)]
    subprocess.run(args, check=True, capture_output=True)  # warm the file cache
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    import os

    folder = Path(tempfile.mkdtemp())
    out = folder / "report.docx"
    content = median_seconds(lambda: report_from_files(PLAN, DATA, 2025, "final"), 5)
    report = report_from_files(PLAN, DATA, 2025, "final")
    figures = sum(1 for _ in _figures(report.sections))
    docx_time = median_seconds(lambda: out.write_bytes(render(report_from_files(PLAN, DATA, 2025, "final"), "docx")),
                               5)
    html_time = median_seconds(lambda: render(report_from_files(PLAN, DATA, 2025, "final"), "html"), 3)
    pdf_time = median_seconds(lambda: render(report_from_files(PLAN, DATA, 2025, "final"), "pdf"), 3)
    load = os.getloadavg()[0]
    rows: list[tuple[str, float, float | None, float | None]] = [  # name, wall, CPU, goal
        ("Jinpu final evaluation .docx, in process", docx_time, None, None),
        ("the same as .html (charts embedded)", html_time, None, None),
        ("the same as PDF (drawn directly, reports/pdf_direct.py)", pdf_time, None, None)]
    for name, kind, suffix, goal in (
            ("`planwatch report --kind final -o report.docx`, whole command", "final", "docx", 1.2),
            ("`planwatch report --kind final -o report.pdf`, whole command", "final", "pdf", 3.0),
            ("`planwatch report --kind annual -o report.docx`, whole command", "annual", "docx", 1.2),
            ("`planwatch report --kind division -o 分工.xlsx`, whole command", "division", "xlsx", None)):
        wall, cpu = _command(folder / f"report.{suffix}", kind, 5)
        rows.append((name, wall, cpu, goal))
    lines = [f"Machine: {machine()}; load average {load:.1f} when measured (the machine is shared)  ",
             (f"Data: tests/fixtures/data/jinpu-obs-simulated.csv (real published figures plus 模拟数据); "
             f"{figures} charts in the final evaluation, drawn with matplotlib and Noto Sans SC. "
             "CPU is the command's user + system time: on a shared machine the wall time also holds the wait "
             "for a core."), "",
             "| measurement | median | CPU | baseline: drafting the content only | ratio | goal | met |",
             "|---|---:|---:|---:|---:|---|---|"]
    for name, value, cpu, goal in rows:
        met = "—" if goal is None else ("yes" if value <= goal else ("CPU yes, wall NO" if cpu and cpu <= goal
                                                                    else "NO"))
        lines.append(f"| {name} | {value * 1000:.0f} ms | {'—' if cpu is None else f'{cpu * 1000:.0f} ms'} | "
                     f"{content * 1000:.0f} ms | {value / content:.0f}× | {'—' if goal is None else f'≤ {goal} s'} | "
                     f"{met} |")
    write_section("reports", lines)


def _figures(sections: object) -> object:
    for s in sections:  # type: ignore[attr-defined]
        yield from s.figures
        yield from _figures(s.children)


if __name__ == "__main__":
    main()
