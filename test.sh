#!/usr/bin/env bash
# Sets up Planwatch with its test tools in .venv and runs every test, the type check and the linter.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
setup_env "[test]"
.venv/bin/ruff check --output-format concise src tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
