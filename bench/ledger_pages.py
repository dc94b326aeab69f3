"""Ledger pages with 200 items each: server time of the 任务 / 重大项目 / 量化承诺 ledgers (first page, a filtered
and searched page, the Excel export), the 考核 ranking, a department page and the 督办单 list.

Run: .venv/bin/python bench/ledger_pages.py            (SQLite and PostgreSQL on 127.0.0.1:5432; about a minute)
     BENCH_DATABASE=sqlite .venv/bin/python bench/ledger_pages.py     (SQLite only)

Data: the demo (Jinpu plan, published and simulated figures), each ledger topped up to 200 items with 模拟 copies of
its own items (模拟事项), every project with its project-office columns filled in (模拟), a milestone on every
third item and 20 督办单. Each page is requested in process through Django's test client as the 发改局 admin (who
sees every form), so the time is the server's: URL routing, permission checks, queries, the evaluation (cached
as in production) and the template; no network. Medians of 20 requests after one warm-up. Baseline in the same
run: the login page (a template, the session's user and the plan switcher). Goal (issue #16): ≤ 100 ms per page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, median_seconds, write_section

PG = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
ITEMS = 200
RUNS = 20


def _seed() -> None:
    """Top each ledger up to ITEMS items (模拟 copies), fill in the projects' columns, add milestones and notices."""
    import datetime as dt
    import random
    from decimal import Decimal

    from django.contrib.auth.models import User
    from django.db import transaction

    from planwatch.web.ledgers.models import KINDS, Milestone, ProjectDetails, SupervisionNotice, item_fields
    from planwatch.web.ledgers.services import issue_notice
    from planwatch.web.plans.models import Plan

    rng = random.Random(2021)
    plan = Plan.objects.filter(parent__isnull=True).order_by("id").first()
    assert plan is not None
    with transaction.atomic():
        for book in KINDS.values():
            existing = list(book.model.objects.filter(plan=plan).order_by("id"))
            copies = []
            for i in range(ITEMS - len(existing)):
                item = existing[i % len(existing)]
                item.pk = item.id = None  # type: ignore[assignment]
                name_field = {"tasks": "title", "projects": "name", "commitments": "quantity"}[
                    next(k for k, v in KINDS.items() if v is book)]
                setattr(item, name_field, f"模拟事项{i + 1}：{getattr(item, name_field)}"[:200])
                item.progress = rng.randint(0, 100)
                copies.append(item)
            book.model.objects.bulk_create(copies)
            items = list(book.model.objects.filter(plan=plan).order_by("id"))
            assert len(items) >= ITEMS, (book.title, len(items))
            Milestone.objects.bulk_create([
                Milestone(name="模拟里程碑", planned=dt.date(2024, rng.randint(1, 12), 1), **item_fields(x))
                for x in items[::3]])
        ProjectDetails.objects.bulk_create([ProjectDetails(
            project=p, total_investment=Decimal(rng.randint(1, 2000)) / 10,
            annual_plan_investment=Decimal(rng.randint(1, 300)) / 10, completed_investment=Decimal(rng.randint(0, 900)) / 10,
            planned_start=dt.date(2022, 3, 1), planned_completion=dt.date(2025, 12, 31), image_progress="模拟：主体施工",
            builder="模拟建设单位") for p in plan.projects.all()], ignore_conflicts=True)
    admin = User.objects.get(username="fgj_admin")
    for task in plan.tasks.filter(lead__isnull=False).order_by("id")[:20]:
        issue_notice(admin, task, "模拟督办：进度滞后，请说明原因", dt.date.today() + dt.timedelta(days=14))
    assert SupervisionNotice.objects.count() >= 20


def child() -> None:
    """Runs in a process whose DATABASE_URL is the database to measure; prints one line per page."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from planwatch.web.accounts.models import Department

    # no setup_test_environment(): its instrumented template rendering (a context copy per template) is not
    # the server's time; the client names a host the settings allow
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    _seed()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="fgj_admin"))
    dept = Department.objects.get(name="科技和工业信息化局")
    pages = [("login page (baseline)", "/login/", Client(HTTP_HOST="127.0.0.1")),
             ("任务台账 first page", "/ledgers/tasks/", client),
             ("重大项目台账 first page", "/ledgers/projects/", client),
             ("量化承诺台账 first page", "/ledgers/commitments/", client),
             ("重大项目台账 red, page 2", "/ledgers/projects/?light=red&page=2", client),
             ("任务台账 search 创新", "/ledgers/tasks/?q=%E5%88%9B%E6%96%B0", client),
             ("重大项目台账 Excel export (200 rows)", "/ledgers/projects/export/", client),
             ("考核排名 /departments/", "/departments/", client),
             ("department page 部门页", f"/departments/{dept.pk}/", client),
             ("督办单 list", "/supervision/", client)]
    from django.db import connection

    for name, url, c in pages:
        response = c.get(url)
        assert response.status_code == 200, (url, response.status_code)

        def get(c: Client = c, url: str = url) -> None:
            c.get(url)

        print(f"RESULT\t{connection.vendor}\t{name}\t{median_seconds(get, RUNS)}")


def main() -> None:
    rows: list[list[str]] = []
    start_load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    databases = os.environ.get("BENCH_DATABASE", "sqlite,postgresql").split(",")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "planwatch.web.settings", "PLANWATCH_HTTPS": "0",
                "PLANWATCH_SECRET_KEY": "bench-only-" + "x" * 60})
    name = f"planwatch_bench_ledgers_{os.getpid()}"
    for database in databases:
        run_env = {**env, "PLANWATCH_DATA": tempfile.mkdtemp(prefix="planwatch-ledgers-")}
        if database == "postgresql":
            import psycopg

            with psycopg.connect(PG, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            run_env["DATABASE_URL"] = PG.rsplit("/", 1)[0] + "/" + name
        try:
            out = subprocess.run([sys.executable, __file__, "--child"], env=run_env, check=True, capture_output=True,
                                 text=True).stdout
        finally:
            if database == "postgresql":
                import psycopg

                with psycopg.connect(PG, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        rows += [line.split("\t")[1:] for line in out.splitlines() if line.startswith("RESULT")]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"Machine: {machine()}; load average before the run {start_load}, after {load} (a shared machine)  ",
             (f"Each ledger with {ITEMS} items (the demo's own and 模拟 copies), 50 per page; in process through "
              f"Django's test client as the 发改局 admin; median of {RUNS} requests after a warm-up. Baseline: the "
              "login page in the same run."), "",
             "| database | page | median | ÷ baseline | goal ≤ 100 ms |", "|---|---|---:|---:|---|"]
    base: dict[str, float] = {}
    for vendor, page, seconds in rows:
        s = float(seconds)
        base.setdefault(vendor, s)
        goal = "—" if "baseline" in page else ("yes" if s <= 0.100 else "NO")
        lines.append(f"| {vendor} | {page} | {s * 1000:.1f} ms | {s / base[vendor]:.1f}× | {goal} |")
    write_section("ledger pages", lines)


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        main()
