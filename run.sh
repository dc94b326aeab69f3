#!/usr/bin/env bash
# Sets up Planwatch in .venv and runs it on the Jinpu plan (later sessions: serves the web platform).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
setup_env ""
PLAN=src/planwatch/data/plans/jinpu-14th-fyp.txt
.venv/bin/planwatch extract "$PLAN"
echo
.venv/bin/planwatch check "$PLAN" --expect src/planwatch/data/plans/jinpu-14th-fyp-interpretation.txt || true
