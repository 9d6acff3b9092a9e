#!/usr/bin/env bash
# The test job (what .ci/run and the README's second command run): installs what is missing,
# builds with clang-14 (release preset) and runs every ctest test; builds the whole tree with
# g++-12 too (warnings are errors in both); then builds the asan preset's CLI and smoke-runs it.
# Usage: bash ci/test.sh            (CONTEND_SKIP_GCC=1 / CONTEND_SKIP_ASAN=1 skip those stages)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
step() { printf '\n=== %s (%ds)\n' "$1" "$SECONDS"; }

step "setup"
bash ci/setup.sh

step "build: release (clang-14, -Werror)"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"

step "tests: release"
ctest --preset release -j "$jobs" --timeout 600

if [ "${CONTEND_SKIP_GCC:-0}" != 1 ]; then
  step "build: release-gcc (g++-12, -Werror)"
  cmake --preset release-gcc >/dev/null
  cmake --build --preset release-gcc -j "$jobs"
fi

step "external targets: a map and a pool through CONTEND_EXTRA_TARGETS, run, explored and fuzzed without harness edits"
examples="$PWD/harness/targets/examples"
cmake -S . -B build/extra -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCONTEND_BUILD_TESTS=OFF -DCONTEND_BUILD_BENCHMARKS=OFF -DCONTEND_FUZZ_ENGINES=libfuzzer \
  -DCONTEND_EXTRA_TARGETS="$examples/locked_std_map.cpp;$examples/locked_vector_pool.cpp" >/dev/null
cmake --build build/extra -j "$jobs" --target contend contend-ctl fuzz_map_controlled_libfuzzer fuzz_pool_controlled_libfuzzer
extra_out=$(mktemp -d)
build/extra/contend run --target example_locked_std_map --ops 20000 --out "$extra_out/extra.json" --quiet
build/extra/contend run --workload pool-churn --target example_locked_vector_pool --out "$extra_out/pool.json" --quiet
build/extra/contend explore --target example_locked_std_map --duration 3 --failures-dir "$extra_out/f" --out "$extra_out/explore.json"
build/extra/fuzzers/libfuzzer/fuzz_map_controlled_example_locked_std_map -runs=2000 >/dev/null 2>&1
build/extra/fuzzers/libfuzzer/fuzz_pool_controlled_example_locked_vector_pool -runs=2000 >/dev/null 2>&1

if [ "${CONTEND_SKIP_ASAN:-0}" != 1 ]; then
  step "asan smoke: a real target must end ok; the racy canary must not take contend down"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs" --target contend
  out=$(mktemp -d)
  build/asan/contend run --target std_mutex_map --ops 20000 --out "$out/ok.json" --quiet
  set +e
  build/asan/contend run --target canary_racy_map --ops 20000 --out "$out/racy.json" --quiet
  code=$?
  set -e
  # 0 ok, 73 crash (ASan report), 77 violation: all are detector outcomes; anything else is ours.
  case $code in 0|73|77) echo "asan smoke: canary_racy_map exit $code";; *) echo "asan smoke: unexpected exit $code" >&2; exit 1;; esac
  grep -q '"outcome"' "$out/racy.json" || { echo "asan smoke: no result written for the canary" >&2; exit 1; }
fi

step "done"
