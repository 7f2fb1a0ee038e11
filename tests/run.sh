#!/usr/bin/env bash
# Sets everything up and runs every test: lint, unit, AppTest and real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt -r tests/requirements.txt
bash tests/setup_system.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
