#!/usr/bin/env bash
# Sets up Planwatch with its test tools in .venv and runs every test (on SQLite, then the database tests
# again on PostgreSQL), the type check and the linter.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
setup_env "[test]"
# a TrueType CJK font for the PDF test documents; Debian's chromium for the browser test; LibreOffice for PDF reports
ensure_debian_packages fonts-wqy-microhei fonts-dejavu-core chromium libreoffice-writer-nogui libreoffice-calc-nogui
pg_url=$(ensure_postgres)
.venv/bin/ruff check --output-format concise src tests bench
.venv/bin/mypy
echo "== 全部测试（SQLite）/ all tests on SQLite"
.venv/bin/python -m pytest "$@"
echo "== 数据库测试（PostgreSQL）/ database tests on PostgreSQL"
DATABASE_URL="$pg_url" .venv/bin/python -m pytest tests/web "$@"
