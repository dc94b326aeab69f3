#!/usr/bin/env bash
# Every benchmark, in about five minutes on the 2-core reference machine; results go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python bench/extract.py
.venv/bin/python bench/evaluate.py
.venv/bin/python bench/report.py
.venv/bin/python bench/pages.py   # needs Debian's wrk
.venv/bin/python bench/import_pg.py   # needs PostgreSQL on 127.0.0.1:5432
