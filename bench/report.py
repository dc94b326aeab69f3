"""Report benchmark: the Jinpu final-evaluation .docx with all its charts, PDF, and the whole commands.

Run: .venv/bin/python bench/report.py          (the command line and the web; about three minutes)
     .venv/bin/python bench/report.py --web    (the web only: cold, warm after a data change, cached)
Baseline in the same run: drafting the report's content without rendering (evaluation included).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

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
    from planwatch.reports import charts

    def fresh(fmt: str) -> bytes:  # the charts drawn again each time, as for a report whose data changed
        charts._CACHE.clear()
        return render(report_from_files(PLAN, DATA, 2025, "final"), fmt)

    docx_time = median_seconds(lambda: out.write_bytes(fresh("docx")), 5)
    html_time = median_seconds(lambda: fresh("html"), 3)
    pdf_time = median_seconds(lambda: fresh("pdf"), 3)
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
        wall, cpu = _command(folder / f"report.{suffix}", kind, 9)
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


def _web_child() -> None:
    """In a fresh process on a fresh demo database (PLANWATCH_DATA): the report download through Django's test
    client as the admin. Prints one line per measurement: name, wall median, CPU median (seconds)."""
    import json
    import os
    import resource
    import statistics
    import time

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from planwatch.reports import charts
    from planwatch.web.plans.models import Plan, touch_plans

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.filter(parent__isnull=True).order_by("id").first()
    assert plan is not None
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="fgj_admin"))
    out: dict[str, tuple[float, float]] = {}

    def timed(get: Any, runs: int, before: Any = None) -> tuple[float, float]:
        walls, cpus = [], []
        for _ in range(runs):
            if before is not None:
                before()
            usage = resource.getrusage(resource.RUSAGE_SELF)
            start = time.perf_counter()
            assert get().status_code == 200
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpus.append(after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime)
        return statistics.median(walls), statistics.median(cpus)

    def url(fmt: str) -> str:
        return f"/reports/download/?plan={plan.pk}&kind=final&format={fmt}&as_of=2025"

    def changed() -> None:  # a value saved: the plan's data stamp moves on, every report is generated again
        touch_plans([plan.pk])
        charts._CACHE.clear()  # and the charts are drawn again (a changed value changes its chart)

    out["first report in a fresh worker process (.docx, imports included)"] = timed(
        lambda: client.get(url("docx"), secure=True), 1)
    out["login page (baseline)"] = timed(lambda: client.get("/login/", secure=True), 20)
    for fmt in ("docx", "pdf", "html"):
        out[f"warm server, first .{fmt} after a data change (generated)"] = timed(
            lambda fmt=fmt: client.get(url(fmt), secure=True), 7, changed)
        out[f"warm server, .{fmt} again (cached)"] = timed(lambda fmt=fmt: client.get(url(fmt), secure=True), 20)
    print(json.dumps(out, ensure_ascii=False))


def web_main() -> None:
    import json
    import os

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PLANWATCH_DATA"] = tempfile.mkdtemp(prefix="planwatch-report-web-")
    env["PYTHONPATH"] = str(ROOT / "src")
    run = subprocess.run([sys.executable, __file__, "--web-child"], env=env, check=True, capture_output=True,
                         text=True)
    rows: dict[str, list[float]] = json.loads(run.stdout.strip().splitlines()[-1])
    base = rows["login page (baseline)"][0]
    goals = {"docx": 1.0, "pdf": 1.0, "html": 1.0}
    lines = [f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} when measured (the machine is shared)  ",
             ("The report download (`/reports/download/`, Jinpu final evaluation, demo data with 模拟数据) through "
              "Django's test client as the admin, in one process on SQLite: the server's time, no network. "
              "\"After a data change\": the plan's data stamp moved on and the chart cache emptied before each "
              "request, so the report is built and written again (median of 7); cached: median of 20. CPU is "
              "the process's user + system time of the request."), "",
             "| measurement | median | CPU | baseline: login page | ratio | goal | met |",
             "|---|---:|---:|---:|---:|---|---|"]
    for name, (wall, cpu) in rows.items():
        fmt = name.split(".")[1].split(" ")[0] if "warm server, first" in name else ""
        goal = goals.get(fmt)
        met = "—" if goal is None else ("yes" if wall <= goal else ("CPU yes, wall NO" if cpu <= goal else "NO"))
        lines.append(f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {base * 1000:.1f} ms | "
                     f"{wall / base:.0f}× | {'—' if goal is None else f'≤ {goal:.0f} s'} | {met} |")
    write_section("reports-web", lines)


def _figures(sections: object) -> object:
    for s in sections:  # type: ignore[attr-defined]
        yield from s.figures
        yield from _figures(s.children)


if __name__ == "__main__":
    if "--web-child" in sys.argv:
        _web_child()
    elif "--web" in sys.argv:
        web_main()
    else:
        main()
        web_main()
