#!/usr/bin/env bash
# Every benchmark, in about five minutes on the 2-core reference machine; results go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python bench/extract.py
.venv/bin/python bench/evaluate.py
.venv/bin/python bench/report.py
.venv/bin/python bench/pages.py   # needs Debian's wrk
