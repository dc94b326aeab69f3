#!/usr/bin/env bash
# Sets up Planwatch in .venv and serves the platform on http://127.0.0.1:8000 with the Jinpu plan, its
# published figures and labelled simulated data (a SQLite database in ./var; delete it to start afresh).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
setup_env ""
exec .venv/bin/planwatch serve --demo --port "${PORT:-8000}"
