#!/usr/bin/env bash
# Nightly fuzz job: installs what is missing, builds the fuzz preset (libFuzzer and AFL++ fuzzers
# from one configure, plus contend-ctl), then runs ci/nightly.py: every fuzzer x engine for an
# equal share of the budget (one process per core), merges and minimizes the corpora, replays,
# deduplicates and minimizes the crashes, and writes results/nightly/<date>/summary.{json,md}.
#
# Usage: ci/nightly.sh [--budget MINUTES] [--only REGEX] [--jobs N] [--seed N] [--out DIR]
#   --budget MINUTES  fuzzing wall time (default 10), split evenly over all runs; building,
#                     merging and triage come on top (a cold build takes ~10 min on 2 cores)
#   --only REGEX      only the fuzzers whose binary name matches (e.g. 'canary|tbb')
#   --jobs N          parallel fuzzer processes (default: CPUs)
#   --seed N          engines' base seed (default: the date, e.g. 20261122; recorded)
#   --out DIR         output directory (default results/nightly/<UTC date>)
# Exit: 0 ran (canary findings are expected), 77 a reproducible failure on a real target,
#       2 bad arguments or nothing built, 4 output not writable, 1 other errors (build included).
set -euo pipefail
cd "$(dirname "$0")/.."
case " $* " in *" --help "*|*" -h "*) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
bash ci/setup.sh
python3 ci/nightly.py --check-args "$@" || exit $?  # bad flags fail here, before the build
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
exec python3 ci/nightly.py --build build/fuzz "$@"
