"""Extraction benchmarks (issue: digitise any plan). Writes the results table into docs/benchmarks.md.

Run: .venv/bin/python bench/extract.py            (about a minute on the 2-core reference machine)

Each measured figure has a baseline measured in the same run, so the ratio survives a slower machine:
- parse time of the .txt against merely reading and decoding the file;
- the whole `planwatch extract` command (issue #16: ≤ 0.15 s for the .txt, ≤ 0.6 s for the PDF) against the same
  command run by the code before that work (commit ``BEFORE``, unpacked with ``git archive``), both from a fresh
  copy of the sources without bytecode (as on the first run after an install; the standard library keeps its
  cache), and again with bytecode written by a first run; runs of the old and new code alternate, so a busy
  machine slows both alike; Python's own start-up (``python -c pass``) is shown for scale;
- ``planwatch --help`` (the start-up every command pays: the parser alone) against the same before issue #16;
- the .pdf and .docx against the .txt of the same plan.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
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


BEFORE = "b96fc42"  # the code before issue #16 made `planwatch extract` start and read faster


def sources(dest: Path, commit: str | None) -> Path:
    """A fresh copy of src/planwatch (the working tree's, or ``commit``'s) with no bytecode; the src folder."""
    if commit is None:
        shutil.copytree(ROOT / "src" / "planwatch", dest / "src" / "planwatch",
                        ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src/planwatch"], check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    return dest / "src"


def alternating_medians(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, float]:
    """Median wall time of each command, and (as "NAME cpu") of the CPU time it used, which a busy machine
    inflates less; the commands take turns, after one warm-up round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, (args, env) in commands.items():
            start = time.perf_counter()
            child = subprocess.Popen(args, stdout=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
            _, status, usage = os.wait4(child.pid, 0)
            if status:
                raise SystemExit(f"{' '.join(args)}: exit status {status}")
            if round_:
                times[name].append(time.perf_counter() - start)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
    return ({name: statistics.median(values) for name, values in times.items()}
            | {f"{name} cpu": statistics.median(values) for name, values in cpu.items()})


def whole_commands(files: dict[str, Path], tmp: Path, runs: dict[str, int]) -> dict[str, float]:
    """`planwatch extract FILE --format json` by the new and the old code, without and with bytecode."""
    trees = {"new": sources(tmp / "new", None), "old": sources(tmp / "old", BEFORE)}
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONPYCACHEPREFIX")}
    results: dict[str, float] = {}
    for cached in (False, True):
        envs = {code: dict(base, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="" if cached else "1")
                for code, src in trees.items()}
        if not cached:
            results.update(alternating_medians({"startup": ([sys.executable, "-c", "pass"], base)}, runs["txt"]))
        for kind, path in files.items():
            args = [sys.executable, "-m", "planwatch", "extract", str(path), "--format", "json"]
            suffix = " cached" if cached else ""
            results.update(alternating_medians({f"{kind} {code}{suffix}": (args, env) for code, env in envs.items()},
                                               runs[kind]))
    help_args = [sys.executable, "-m", "planwatch", "--help"]  # start-up of every command: the parser alone
    results.update(alternating_medians({f"help {code} cached": (help_args, env) for code, env in envs.items()},
                                       runs["txt"]))
    return results


def _ms(seconds: float) -> str:
    """Milliseconds, with a decimal below 10 ms (reading the .txt takes less than one)."""
    return f"{seconds * 1000:.1f} ms" if seconds < 0.01 else f"{seconds * 1000:.0f} ms"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-bench-"))
    blocks = read_document(JINPU).blocks
    pdf, docx = tmp / "jinpu.pdf", tmp / "jinpu.docx"
    render_pdf(blocks, pdf)
    render_docx(blocks, docx)

    txt_parse = median_seconds(lambda: extract_plan(JINPU), 20)
    txt_read = median_seconds(lambda: decode_text(JINPU.read_bytes(), JINPU.name), 20)
    pdf_parse = median_seconds(lambda: extract_plan(pdf), 5)
    docx_parse = median_seconds(lambda: extract_plan(docx), 5)
    cmd = whole_commands({"txt": JINPU, "pdf": pdf}, tmp, {"txt": 15, "pdf": 7})
    before = f"the same, code before #16 ({BEFORE})"

    rows = [
        ("extract Jinpu .txt, parse time (in process)", txt_parse, "read + decode the .txt", txt_read, "≤ 0.3 s"),
        ("`planwatch extract` Jinpu .txt, whole command, no bytecode yet", cmd["txt new"], before, cmd["txt old"],
         "≤ 0.15 s"),
        ("`planwatch extract` Jinpu .txt, whole command, bytecode cached", cmd["txt new cached"], before,
         cmd["txt old cached"], "≤ 0.15 s"),
        ("extract Jinpu .pdf (72 pages), parse time", pdf_parse, "extract the .txt", txt_parse, "≤ 3 s"),
        ("`planwatch extract` Jinpu .pdf, whole command, no bytecode yet", cmd["pdf new"], before, cmd["pdf old"],
         "≤ 0.6 s"),
        ("`planwatch extract` Jinpu .pdf, whole command, bytecode cached", cmd["pdf new cached"], before,
         cmd["pdf old cached"], "≤ 0.6 s"),
        ("extract Jinpu .docx, parse time", docx_parse, "extract the .txt", txt_parse, "—"),
        ("`planwatch --help`, bytecode cached", cmd["help new cached"], before, cmd["help old cached"], "—"),
        ("Python start-up alone (`python -c pass`), for scale", cmd["startup"], "—", None, "—"),
    ]
    goals = {"≤ 0.15 s": 0.15, "≤ 0.3 s": 0.3, "≤ 0.6 s": 0.6, "≤ 3 s": 3.0}
    lines = [
        f"Machine: {machine()}  ",
        ("Medians of 5–20 runs after one warm-up run; the PDF and DOCX are the Jinpu plan typeset by "
         "`planwatch.testing.render` (ruled tables and 专栏 boxes, running header, page numbers). Whole commands: "
         "15 (.txt) and 7 (.pdf) runs taking turns with the code before issue #16, each from a fresh copy of the "
         "sources, first without bytecode (a first run after installing), then with it."),
        "",
        "| measurement | median | baseline (same run) | baseline median | ratio | goal | met |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for name, value, base_name, base, goal in rows:
        met = "yes" if goal in goals and value <= goals[goal] else ("—" if goal == "—" else "NO")
        ratio = "—" if base is None else f"{value / base:.{2 if value < base else 1}f}×"
        lines.append(f"| {name} | {_ms(value)} | {base_name} | {'—' if base is None else _ms(base)} | {ratio} | {goal} "
                     f"| {met} |")
    lines += ["", "CPU time (user + system) of the same runs, medians: " + "; ".join(
        f"{label} {cmd[key + ' cpu'] * 1000:.0f} ms (before #16: {cmd[key.replace('new', 'old') + ' cpu'] * 1000:.0f} ms)"
        for label, key in ((".txt", "txt new"), (".txt with bytecode", "txt new cached"), (".pdf", "pdf new"),
                           (".pdf with bytecode", "pdf new cached"), ("`--help`", "help new cached")))
        + f"; `python -c pass` {cmd['startup cpu'] * 1000:.0f} ms."]
    write_section("extraction", lines)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
