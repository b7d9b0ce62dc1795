#!/usr/bin/env bash
# Set up, then build a demo archive (samples, and the seeds when ../shared/seeds is there)
# in a SQLite file and serve the web UI on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
PLENARY_SKIP_APT=${PLENARY_SKIP_APT:-1} bash scripts/setup.sh
exec .venv/bin/plenary demo "$@"
