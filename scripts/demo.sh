#!/usr/bin/env bash
# Set up Kanun in ./.venv, load the demo into ./var/kanun.db and serve it on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/kanun demo "$@"
