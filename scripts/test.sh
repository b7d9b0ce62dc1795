#!/usr/bin/env bash
# Set up (scripts/setup.sh), then run the whole test suite: lint, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check plenary tests benchmarks scripts
.venv/bin/python -m pytest -q "$@"
