"""Import of 1 million observations from CSV into PostgreSQL (planwatch manage import_observations).

Run: .venv/bin/python bench/import_pg.py     (needs PostgreSQL on 127.0.0.1:5432; about two minutes)
Baseline in the same run: reading and validating the same file (planwatch.core.observations) without writing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, write_section

PG = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
ROWS = 1_000_000


def main() -> None:
    import psycopg

    from planwatch.core.extract import extract_plan
    from planwatch.core.observations import read_observations
    from planwatch.synthetic import write_csv

    tmp = Path(tempfile.mkdtemp(prefix="planwatch-import-"))
    data = tmp / "obs.csv"
    write_csv(data, ROWS)
    plan = extract_plan(ROOT / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt")
    start = time.perf_counter()
    read_observations(data, plan.indicators, "金普新区")
    validate = time.perf_counter() - start
    name = f"planwatch_bench_import_{os.getpid()}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DATABASE_URL": PG.rsplit("/", 1)[0] + "/" + name, "PLANWATCH_HTTPS": "0",
                "PLANWATCH_DATA": str(tmp / "var")})
    exe = Path(sys.executable).parent
    try:
        for args in (["migrate", "-v0"], ["load_demo", "--no-simulated"]):
            subprocess.run([exe / "planwatch", "manage", *args], env=env, check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run([exe / "planwatch", "manage", "import_observations", "1", str(data), "--simulated"], env=env,
                       check=True, capture_output=True)
        total = time.perf_counter() - start
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    write_section("import", [
        f"Machine: {machine()}  ",
        (f"{ROWS:,} simulated observations (模拟数据) in one CSV, imported into PostgreSQL 15 by "
        "`planwatch manage import_observations` (one run: every row validated, then one COPY in one transaction)."), "",
        "| measurement | time | baseline: read and validate only | ratio | goal | met |",
        "|---|---:|---:|---:|---|---|",
        (f"| import 1,000,000 rows into PostgreSQL, whole command | {total:.1f} s | {validate:.1f} s | "
        f"{total / validate:.1f}× | ≤ 30 s | {'yes' if total <= 30 else 'NO'} |")])


if __name__ == "__main__":
    main()
