"""Each real corpus plan extracts in ≤ 1 s (issue 13): the whole `planwatch extract FILE --format json` command.

Run: .venv/bin/python bench/extract_corpus.py      (about half a minute on the 2-core reference machine)

The plans are ../shared/plans/real/ (national 14th, 13th as Markdown, 11th, the rural special plan, the 14th and
15th indicator tables) and the Jinpu plan. Each command is timed from start to exit (Python start-up, imports,
reading, parsing, JSON), with bytecode cached as after a first run, taking turns with the baseline measured in the
same run: the same command on the Jinpu .txt, the plan the project was built around (its own goal: ≤ 0.15 s).
The in-process parse time (`extract_plan`) is shown beside it, and Python's start-up alone for scale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, median_seconds, write_section
from extract import JINPU, alternating_medians

from planwatch.core.extract import extract_plan

REAL = ROOT.parent / "shared" / "plans" / "real"
GOAL = 1.0
RUNS = 7


def main() -> None:
    plans = sorted(p for p in REAL.iterdir()
                   if p.suffix in (".txt", ".md", ".csv") and p.name != "README.md") if REAL.is_dir() else []
    if not plans:
        raise SystemExit(f"{REAL}: the real-plan corpus is not here")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = str(ROOT / "src")

    def command(path: Path) -> tuple[list[str], dict[str, str]]:
        return [sys.executable, "-m", "planwatch", "extract", str(path), "--format", "json"], env

    # one warm-up round inside alternating_medians also writes the bytecode
    times = alternating_medians({"jinpu": command(JINPU), "startup": ([sys.executable, "-c", "pass"], env),
                                 **{p.name: command(p) for p in plans}}, RUNS)
    lines = [
        f"Machine: {machine()}  ",
        (f"Whole `planwatch extract FILE --format json` command, bytecode cached; medians of {RUNS} runs after a "
         "warm-up round, every command taking its turn in each round (a busy machine slows all alike). Baseline: "
         "the same command on the Jinpu .txt in the same run. Parse time: `extract_plan` in process, median of "
         "5 runs."),
        "",
        "| plan | whole command | CPU | baseline: Jinpu .txt | ratio | parse time | goal | met |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for path in plans:
        wall, cpu = times[path.name], times[f"{path.name} cpu"]
        parse = median_seconds(lambda path=path: extract_plan(path), 5)
        lines.append(f"| `{path.name}` | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {times['jinpu'] * 1000:.0f} ms "
                     f"| {wall / times['jinpu']:.2f}× | {parse * 1000:.0f} ms | ≤ {GOAL:.0f} s | "
                     f"{'yes' if wall <= GOAL else 'NO'} |")
    lines += ["", f"Python start-up alone (`python -c pass`): {times['startup'] * 1000:.0f} ms."]
    write_section("extract-corpus", lines)


if __name__ == "__main__":
    main()
