"""Plan-succession benchmarks (issue 17): the whole `planwatch lineage` and `planwatch draft-indicators` commands.

Run: .venv/bin/python bench/lineage.py            (about half a minute on the 2-core reference machine)

Goals: `lineage` on the national 14th → 15th tables ≤ 1 s; `draft-indicators` for Jinpu (national 15th table, the
Jinpu 14th plan, its published figures, .xlsx and .docx) ≤ 2 s. Baselines measured in the same run, taking turns
with the commands (:func:`extract.alternating_medians`): Python's start-up (`python -c pass`) and `planwatch --help`
(the command's own start-up without any work). Bytecode is cached (the installed case).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, write_section
from extract import alternating_medians

REAL = ROOT.parent / "shared" / "plans" / "real"
JINPU = ROOT / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt"
FIGURES = ROOT / "src" / "planwatch" / "data" / "jinpu-published-figures.csv"
RUNS = 11


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-bench-lineage-"))
    planwatch = [sys.executable, "-m", "planwatch"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    commands = {
        "startup": ([sys.executable, "-c", "pass"], env),
        "help": ([*planwatch, "--help"], env),
        "lineage tables": ([*planwatch, "lineage", str(REAL / "national-14th-main-indicators.csv"),
                            str(REAL / "national-15th-main-indicators.csv"), "--format", "json"], env),
        "lineage documents": ([*planwatch, "lineage", str(REAL / "national-13th-fyp.md"),
                               str(REAL / "national-14th-fyp.txt")], env),
        "draft": ([*planwatch, "draft-indicators", "--upper", str(REAL / "national-15th-main-indicators.csv"),
                   "--own", str(JINPU), "--data", str(FIGURES), "--default-region", "金普新区",
                   "-o", str(tmp / "draft.xlsx"), "--both"], env),
    }
    t = alternating_medians(commands, RUNS)
    rows = [
        ("`planwatch lineage` national 14th → 15th tables (--format json)", "lineage tables", 1.0),
        ("`planwatch lineage` national 13th .md → 14th .txt (whole documents)", "lineage documents", 1.0),
        ("`planwatch draft-indicators` Jinpu, .xlsx and .docx (--both)", "draft", 2.0),
    ]
    lines = [
        f"Machine: {machine()}  ",
        (f"Medians of {RUNS} runs of each whole command after one warm-up round, the commands taking turns with the "
         "baselines (bytecode cached). Baselines in the same run: `python -c pass` "
         f"{t['startup'] * 1000:.0f} ms (CPU {t['startup cpu'] * 1000:.0f} ms), `planwatch --help` "
         f"{t['help'] * 1000:.0f} ms (CPU {t['help cpu'] * 1000:.0f} ms). Wall times well above the CPU times "
         "mean the 2 cores were shared with other work during the run; the CPU column is the steadier figure."),
        "",
        "| command | median | CPU | `planwatch --help` | ratio | goal | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for label, key, goal in rows:
        lines.append(f"| {label} | {t[key] * 1000:.0f} ms | {t[key + ' cpu'] * 1000:.0f} ms | "
                     f"{t['help'] * 1000:.0f} ms | {t[key] / t['help']:.1f}× | ≤ {goal:g} s | "
                     f"{'yes' if t[key] <= goal else 'NO'} |")
    write_section("lineage", lines)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
