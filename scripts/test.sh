#!/usr/bin/env bash
# Install the test dependencies into ./.venv and run the whole suite (lint, then tests).
# Set KANUN_TEST_DATABASE_URL to run the database tests on PostgreSQL instead of SQLite.
# The tests run in KANUN_TEST_WORKERS processes (2 by default), each test file in one of them;
# every process has a database of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
if command -v npm >/dev/null; then
    npm ci --prefix tests/e2e --no-audit --no-fund --silent
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest -p no:cacheprovider -n "${KANUN_TEST_WORKERS:-2}" --dist loadfile "$@"
