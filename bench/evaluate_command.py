"""`planwatch evaluate` as a person runs it (issue #16, goal 1): the whole command on a large observation file.

Run: .venv/bin/python bench/evaluate_command.py   (2–4 minutes on the 2-core reference machine, most of it the old table)

Data: 3,000 simulated regions (模拟数据, seed 2021) × Jinpu's 23 indicators × 2021–2025 = 345,000 rows in one CSV.
Measured: `planwatch evaluate --plan jinpu.txt --data big.csv --as-of 2025` in JSON and in the default table
format, whole process (start-up, reading the plan, reading and checking every row, evaluating, writing the
output file). Baseline in the same run: the same command run by the code before this work (commit ``BEFORE``,
unpacked with ``git archive``); the two take turns, so a busy machine slows both alike, and the ratio is the median
of the paired ratios. Wall time, CPU time (user + system, which a loaded machine inflates less) and the peak
memory of the process are each medians. The outputs of the two are compared and the comparison is printed (they
are byte-identical unless a wording changed since ``BEFORE``; tests/test_evaluate_fast_paths.py checks the fast
paths against the code they replace on every run of the tests).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, write_section
from extract import sources

from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.synthetic import simulate

JINPU = ROOT / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt"
BEFORE = "9bb505f"  # the code before #16 made the whole evaluate command fast (and before the 78dac90 wave)
REGIONS, AS_OF = 3000, 2025
GOAL = 1.5  # seconds, whole command, JSON and table


def write_observations(path: Path, regions: int = REGIONS) -> int:
    """Every Jinpu indicator for ``regions`` simulated regions in 2021–2025, none missing; the number of rows."""
    plan = extract_plan(JINPU)
    base, end = plan.plan_years
    assert base is not None and end is not None
    table = simulate(plan_specs(plan.indicators, base, end), regions, gap_rate=0.0)
    keep = table.year > base
    source = table.sources[0]
    with path.open("w", encoding="utf-8") as out:
        out.write("indicator,year,value,region,source\n")
        for i, y, r, v in zip(table.indicator[keep].tolist(), table.year[keep].tolist(), table.region[keep].tolist(),
                              table.value[keep].tolist(), strict=True):
            out.write(f"{i},{y},{round(v, 4)},{table.regions[r]},{source}\n")
    return int(keep.sum())


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status:
        raise SystemExit(f"{' '.join(args)}: exit status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def paired(new: tuple[list[str], dict[str, str]], old: tuple[list[str], dict[str, str]], runs: int
           ) -> dict[str, float]:
    """Medians of the new and the old command taking turns (no warm-up: each run reads its files afresh)."""
    got: dict[str, list[float]] = {k: [] for k in ("wall", "cpu", "mb", "old wall", "old cpu", "old mb", "ratio",
                                                   "cpu ratio")}
    for _ in range(runs):
        for prefix, (args, env) in (("", new), ("old ", old)):
            wall, cpu, mb = run(args, env)
            got[prefix + "wall"].append(wall)
            got[prefix + "cpu"].append(cpu)
            got[prefix + "mb"].append(mb)
        got["ratio"].append(got["wall"][-1] / got["old wall"][-1])
        got["cpu ratio"].append(got["cpu"][-1] / got["old cpu"][-1])
    return {k: statistics.median(v) for k, v in got.items()}


def compare(new: str, old: str) -> str:
    """Byte-identical, or how the outputs differ: a sentence reworded since BEFORE changes explanation lines
    only, which is said apart from any other difference."""
    if new == old:
        return "byte-identical"
    a, b = new.splitlines(), old.splitlines()
    if len(a) != len(b):
        return f"DIFFERS ({len(a):,} lines against {len(b):,})"
    changed = [x for x, y in zip(a, b, strict=True) if x != y]
    worded = sum(x.lstrip().startswith(('"explanation', "说明")) for x in changed)
    if worded == len(changed):
        return f"identical but for {worded:,} explanation lines reworded since {BEFORE}"
    return f"DIFFERS in {len(changed) - worded:,} lines that are not explanations"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-bench-evaluate-"))
    data = tmp / "observations.csv"
    rows = write_observations(data)
    trees = {"new": sources(tmp / "new", None), "old": sources(tmp / "old", BEFORE)}
    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONPYCACHEPREFIX")}
    for src in trees.values():  # bytecode written once, as pip does at install time
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)
    results, same = {}, {}
    for fmt, runs in (("json", 3), ("table", 1)):  # the old table alone takes 40–90 s: run_all stays ≤ 10 min
        commands = {}
        for code, src in trees.items():
            out = tmp / f"{code}.{fmt}"
            args = [sys.executable, "-m", "planwatch", "evaluate", "--plan", str(JINPU), "--data", str(data),
                    "--as-of", str(AS_OF), "--format", fmt, "-o", str(out)]
            commands[code] = (args, dict(base_env, PYTHONPATH=str(src)))
        results[fmt] = paired(commands["new"], commands["old"], runs)
        same[fmt] = compare((tmp / f"new.{fmt}").read_text("utf-8"), (tmp / f"old.{fmt}").read_text("utf-8"))
        print(fmt, results[fmt], same[fmt])
    before = f"the same, code before #16 ({BEFORE})"
    lines = [
        f"Machine: {machine()}  ",
        (f"Data: {rows:,} simulated observations (模拟数据, seed 2021): {REGIONS:,} regions × Jinpu's 23 indicators × "
         f"2021–2025; `planwatch evaluate --plan jinpu-14th-fyp.txt --data … --as-of {AS_OF} -o FILE`, whole "
         "process, bytecode cached; medians of 3 (JSON) runs and 1 (table) run taking turns with the code before."),
        "",
        ("| measurement | median wall | CPU | peak memory | baseline (same run) | baseline wall | baseline CPU | "
         "ratio, wall (paired) | ratio, CPU | goal | met | output |"),
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|---|",
    ]
    for fmt, label in (("json", "`--format json`"), ("table", "`--format table` (the default)")):
        r = results[fmt]
        lines.append(f"| evaluate 345,000 rows, {label} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['mb']:.0f} MB | "
                     f"{before} | {r['old wall']:.2f} s | {r['old cpu']:.2f} s | {r['ratio']:.2f}× | {r['cpu ratio']:.2f}× | "
                     f"≤ {GOAL} s | {'yes' if r['wall'] <= GOAL else 'NO'} | "
                     f"{same[fmt]} |")
    write_section("evaluate-command", lines)
    shutil.rmtree(tmp)  # two source trees, the 25 MB CSV and four outputs of up to 57 MB


if __name__ == "__main__":
    main()
