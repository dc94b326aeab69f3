#!/usr/bin/env bash
# Every benchmark in one command, within ten minutes on the 2-core reference machine (measured: see the
# header of docs/benchmarks.md); results go to docs/benchmarks.md. Needs .venv (bash test.sh creates it),
# PostgreSQL on 127.0.0.1:5432 and Debian's wrk (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-env.sh
ensure_debian_packages wrk
start=$SECONDS
.venv/bin/python bench/extract.py
.venv/bin/python bench/extract_corpus.py   # each real corpus plan, whole command (≤ 1 s)
.venv/bin/python bench/evaluate.py
BENCH_EVALUATE_RUNS=3 .venv/bin/python bench/evaluate_command.py   # the whole evaluate command, 345,000 rows (≤ 1.5 s)
.venv/bin/python bench/report.py
.venv/bin/python bench/demo_load.py   # the demo with and without the national plans (#17)
.venv/bin/python bench/lineage.py      # planwatch lineage (≤ 1 s) and draft-indicators (≤ 2 s)
.venv/bin/python bench/search.py      # SQLite and PostgreSQL, 200 plans in the index
BENCH_SECONDS=${BENCH_SECONDS:-6} .venv/bin/python bench/pages.py   # demo data on SQLite (6 s of wrk per page: the 10-minute budget)
.venv/bin/python bench/ledger_pages.py   # ledgers with 200 items, SQLite and PostgreSQL (≤ 100 ms)
.venv/bin/python bench/import_pg.py   # 1 M rows from CSV into PostgreSQL
BENCH_SECONDS=${BENCH_SECONDS:-6} .venv/bin/python bench/scale.py   # pages and API with 1 M observations on PostgreSQL, shared entries
total=$((SECONDS - start))
echo "all benchmarks: ${total} s"
.venv/bin/python - "$total" <<'PY'
import sys
sys.path.insert(0, "bench")
from common import machine, write_section
seconds = int(sys.argv[1])
write_section("run-all", [f"Last full run of `bash bench/run_all.sh`: {seconds // 60} min {seconds % 60} s "
                          f"({'within' if seconds <= 600 else 'OVER'} the 10-minute goal). {machine()}"])
PY
.venv/bin/python bench/summary.py     # one table: every goal with its figure, baseline, ratio and verdict
