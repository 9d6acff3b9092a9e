#!/usr/bin/env bash
# The main job on its embedded default: installs what is missing, builds the release preset,
# then stress-runs the default map-mix workload (1 s per target) over every non-canary target.
# Prints a summary per target and a table; writes results/runs/<time>/<target>.json.
# Usage: bash ci/demo.sh [extra `contend run` flags]
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target contend
exec build/release/contend run "$@"
