#!/usr/bin/env bash
# The seeded-bug zoo benchmark (harness/targets/zoo/README.md): for every zoo bug, explore (pct and
# random), libFuzzer, AFL++ and plain stress, each with the same wall budget, over several seeds;
# then explore on every fixed twin and every real target. Writes results/bug-zoo/<UTC time>/
# summary.{json,md}: found rate, median seconds and executions to the first failure, minimized
# size, and the failure count on the twins and the real targets.
#
# Usage: ci/bug-zoo.sh [BUDGET_S] [--seeds N] [--methods LIST] [--only REGEX] [--clean-s S] [--out DIR]
#   BUDGET_S        wall seconds per (bug, method, seed) run (default 10)
#   --seeds N       seeds 1..N (default 3)
#   --methods LIST  comma list of explore-pct,explore-random,libfuzzer,afl,stress (default all)
#   --only REGEX    only the zoo bugs whose name matches
#   --clean-s S     explore seconds on each fixed twin and real target (default 30; 0 skips them)
#   --out DIR       output directory
# Builds the release preset first (both fuzzing engines). Exit: 0 ran (the numbers are the
# result), 77 a fixed twin or real target failed, 2 bad arguments, 1 other errors.
set -euo pipefail
cd "$(dirname "$0")/.."
case " $* " in *" --help "*|*" -h "*) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
python3 ci/bug_zoo.py --check-args "$@" || exit $?
bash ci/setup.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target contend contend-ctl fuzz_map_controlled_libfuzzer \
  fuzz_map_controlled_afl fuzz_map_controlled_replay
exec python3 ci/bug_zoo.py --build build/release "$@"
