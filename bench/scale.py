"""Pages and API with a million observations on PostgreSQL, 32 concurrent clients (wrk) against gunicorn.

Run: .venv/bin/python bench/scale.py      (needs PostgreSQL on 127.0.0.1:5432 and Debian's wrk; ~4 minutes)

Data: `planwatch manage load_synthetic` — a simulated country (模拟数据): 国家 → 31 省 → ~350 市 → 3,000 县,
60 indicators × 2020–2025 for every county (about 1.07 million observations) and 31 provincial plans linked to
the national one. Each URL is loaded for 10 s with 32 connections after a 3 s warm-up; p50/p95/p99 come from
wrk's latency histogram. Baseline in the same run: the login page (a template, no queries). The first request
for a region (cold cache: evaluation with the roll-up of every county below it) is timed separately.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, write_section
from pages import LUA, free_port, latency_table, load, login, wait

PG = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))


def main() -> None:
    import psycopg

    tmp = Path(tempfile.mkdtemp(prefix="planwatch-scale-"))
    name = f"planwatch_bench_scale_{os.getpid()}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG.rsplit("/", 1)[0] + "/" + name
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DATABASE_URL": url, "PLANWATCH_DATA": str(tmp), "PLANWATCH_HTTPS": "0",
                "PLANWATCH_SECRET_KEY": "bench-only-" + "x" * 60, "DJANGO_SETTINGS_MODULE": "planwatch.web.settings"})
    exe = Path(sys.executable).parent
    server = None
    try:
        subprocess.run([exe / "planwatch", "manage", "migrate", "-v0"], env=env, check=True)
        subprocess.run([exe / "planwatch", "manage", "load_demo", "--no-simulated"], env=env, check=True,
                       capture_output=True)
        start = time.perf_counter()
        subprocess.run([exe / "planwatch", "manage", "load_synthetic"], env=env, check=True, capture_output=True)
        load_seconds = time.perf_counter() - start
        with psycopg.connect(url, autocommit=True) as conn:  # as after any bulk load: settle the new table now,
            conn.execute("VACUUM ANALYZE")  # not in an autovacuum run in the middle of the measurement
        with psycopg.connect(url) as conn:
            plan, root = conn.execute("SELECT id, region_id FROM plans_plan WHERE title LIKE '模拟全国%'").fetchone()
            total = conn.execute("SELECT count(*) FROM monitoring_observation").fetchone()[0]
            province, city, county = (conn.execute(
                "SELECT id FROM accounts_region WHERE level = %s ORDER BY id LIMIT 1", (level,)).fetchone()[0]
                for level in ("省", "市", "县"))
            regions = conn.execute("SELECT count(*) FROM accounts_region").fetchone()[0]
        port = free_port()
        server = subprocess.Popen([exe / "gunicorn", "planwatch.web.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                                   "--timeout", "120", "--log-level", "warning"], env=env)
        base = f"http://127.0.0.1:{port}"
        wait(base + "/login/")
        cookie = login(base, "lingdao", "Jinpu-leader-2025")
        script = tmp / "done.lua"
        script.write_text(LUA)
        q = f"plan={plan}&as_of=2025"
        cold = {}
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", cookie)]
        for label, path in (("国家 (3,000 counties rolled up)", f"/overview/?{q}&region={root}"),
                            ("one province", f"/overview/?{q}&region={province}")):
            t = time.perf_counter()
            opener.open(base + path, timeout=120).read()
            cold[label] = time.perf_counter() - t
        urls = [("login page (baseline)", "/login/"),
                ("overview 总览, 国家 level", f"/overview/?{q}&region={root}"),
                ("overview 总览, one county", f"/overview/?{q}&region={county}"),
                ("indicator page 指标页, one city", f"/plans/{plan}/indicators/10/?{q}&region={city}"),
                ("API evaluation, one province", f"/api/plans/{plan}/evaluation?as_of=2025&region={province}"),
                ("API observations, one county, one year", f"/api/plans/{plan}/observations?region={county}&year=2025")]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(8) as pool:  # every worker computes its own cache once before the clock runs
            for _label, path in urls:
                list(pool.map(lambda u: opener.open(u, timeout=120).read(), [base + path] * 8))
        results = {label: load(base + path, cookie, script, SECONDS) for label, path in urls}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    lines = [f"Machine: {machine()}  ",
             (f"PostgreSQL 15, {total:,} observations (模拟数据) for {regions:,} regions, loaded by "
              f"`planwatch manage load_synthetic` in {load_seconds:.0f} s; gunicorn with 2 workers; wrk -t2 -c32 "
              f"for {SECONDS} s per URL after a 3 s warm-up, logged in as 领导."), "",
             *latency_table("URL", results)]
    lines += ["", "First request after a change (cold cache, one worker evaluates and rolls up): " +
              "; ".join(f"{k} {v:.1f} s" for k, v in cold.items()) + "."]
    write_section("scale", lines)


if __name__ == "__main__":
    main()
