#!/usr/bin/env bash
# Sets up Planwatch with its test tools in .venv and runs every test, the type check and the linter.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
setup_env "[test]"
ensure_debian_packages fonts-wqy-microhei fonts-dejavu-core  # TrueType CJK font for the PDF test documents
.venv/bin/ruff check --output-format concise src tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
