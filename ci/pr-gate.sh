#!/usr/bin/env bash
# PR gate: is the working tree (the candidate) a regression against BASE_REF?
#   1. build the candidate (release, and the asan CLI) and run the fast unit tests;
#   2. ASan smoke run of a real target; a short controlled exploration of every real target;
#   3. build BASE_REF (default: merge-base of HEAD and main) in a git worktree under build/gate/;
#   4. run ci/pr-matrix.json with both binaries alternating A B A B (contend matrix
#      --baseline-binary), so machine drift hits both alike;
#   5. decide: compare A vs B (statistical: U test + thresholds), and compare the candidate
#      with the committed results/baseline/ (new violations/crashes only: its timings come from
#      the machine named in results/baseline/README.md, so they are shown, not judged).
# Reports (Markdown, JUnit XML, HTML) go to results/gate/<time>/; summary.md is also appended
# to $GITHUB_STEP_SUMMARY when set. Exit: 0 pass, 78 regression (or new violation), other
# non-zero codes: the gate could not decide (build, test or input failure).
#
# Usage: ci/pr-gate.sh [BASE_REF]
#        ci/pr-gate.sh --decide AB_DIR BASELINE_DIR OUT_DIR [CONTEND]   (step 5 only; used by ctest)
# Env:   GATE_DIR (build/gate) build root; GATE_MATRIX (ci/pr-matrix.json);
#        GATE_SKIP_TESTS=1 (build only the CLI, no unit tests) / GATE_SKIP_ASAN=1 skip steps 1b / 2
#        (local iteration and validation runs only).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

step() { printf '\n=== gate: %s (%ds)\n' "$1" "$SECONDS" >&2; }
die() { echo "gate: error: $*" >&2; exit "${2:-1}"; }

# decide AB_DIR BASELINE_DIR OUT_DIR CONTEND: writes the reports, prints the verdict, returns the
# gate's exit code (78 when either comparison regressed; the first other failure code otherwise).
decide() {
  local ab=$1 baseline=$2 out=$3 contend=$4 rc_ab rc_bl
  mkdir -p "$out"
  "$contend" compare "$ab/baseline" "$ab/candidate" --markdown "$out/ab.md" --junit "$out/ab.junit.xml" \
    --html "$out/ab.html" > "$out/ab.txt" 2> "$out/ab.err"
  rc_ab=$?
  "$contend" compare "$baseline" "$ab/candidate" --outcomes-only --markdown "$out/baseline.md" \
    --junit "$out/baseline.junit.xml" --html "$out/baseline.html" > "$out/baseline.txt" 2> "$out/baseline.err"
  rc_bl=$?
  local verdict="PASS" rc=0
  if [ $rc_ab = 78 ] || [ $rc_bl = 78 ]; then verdict="FAIL: regression"; rc=78; fi
  if [ $rc = 0 ] && [ $rc_ab != 0 ]; then verdict="ERROR: A/B compare exited $rc_ab"; rc=$rc_ab; fi
  if [ $rc = 0 ] && [ $rc_bl != 0 ]; then verdict="ERROR: baseline compare exited $rc_bl"; rc=$rc_bl; fi
  {
    echo "# contend PR gate: $verdict"
    echo
    echo "${GATE_HEADER:-}"
    echo
    echo "Reports: \`$out/ab.html\`, \`$out/baseline.html\` (self-contained), JUnit \`$out/*.junit.xml\`."
    echo
    [ -s "$out/ab.md" ] && sed 's/^## /## A\/B (base vs candidate, same machine, alternating): /' "$out/ab.md"
    [ -s "$out/ab.err" ] && { echo '```'; cat "$out/ab.err"; echo '```'; }
    echo
    [ -s "$out/baseline.md" ] && sed 's/^## /## Committed baseline (violations decide; timings advisory): /' "$out/baseline.md"
    [ -s "$out/baseline.err" ] && { echo '```'; cat "$out/baseline.err"; echo '```'; }
    [ -f "$baseline/README.md" ] && { echo; echo "Baseline provenance:"; echo; sed 's/^#/###/' "$baseline/README.md"; }
  } > "$out/summary.md"
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"
  echo "gate: A/B:      $(tail -1 "$out/ab.txt" 2>/dev/null || cat "$out/ab.err")" >&2
  echo "gate: baseline: $(tail -1 "$out/baseline.txt" 2>/dev/null || cat "$out/baseline.err")" >&2
  grep -h "REGRESSION\|NEW FAILURE" "$out/ab.txt" "$out/baseline.txt" 2>/dev/null | grep -v "=>" | head -20 >&2
  echo "gate: $verdict  (reports in $out)" >&2
  return $rc
}

if [ "${1:-}" = "--decide" ]; then
  [ $# -ge 4 ] || die "usage: ci/pr-gate.sh --decide AB_DIR BASELINE_DIR OUT_DIR [CONTEND]" 2
  decide "$2" "$3" "$4" "${5:-$ROOT/build/gate/release/contend}"
  exit $?
fi

GATE_DIR=${GATE_DIR:-$ROOT/build/gate}
MATRIX=${GATE_MATRIX:-$ROOT/ci/pr-matrix.json}
JOBS=$(nproc)
CONFIG=(-G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo)
BASE_REF=${1:-$(git merge-base HEAD main)} || die "cannot find the merge-base of HEAD and main; pass BASE_REF" 2
BASE_SHA=$(git rev-parse --verify "$BASE_REF^{commit}") || die "BASE_REF '$BASE_REF' is not a commit" 2
OUT=$ROOT/results/gate/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
GATE_HEADER="Base \`$BASE_REF\` ($(git rev-parse --short=12 "$BASE_SHA")), candidate: the working tree at $(git rev-parse --short=12 HEAD)$(git diff --quiet HEAD || echo ' plus uncommitted changes'); matrix \`${MATRIX#$ROOT/}\`; machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores."
export GATE_HEADER

step "build candidate (release, clang-14, -Werror)"
cmake -S . -B "$GATE_DIR/release" "${CONFIG[@]}" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" > "$OUT/build-release.log" 2>&1 &&
  cmake --build "$GATE_DIR/release" -j "$JOBS" $([ "${GATE_SKIP_TESTS:-0}" = 1 ] && echo --target contend) \
    >> "$OUT/build-release.log" 2>&1 ||
  { tail -30 "$OUT/build-release.log" >&2; die "candidate release build failed (log: $OUT/build-release.log)" 1; }
CAND=$GATE_DIR/release/contend

if [ "${GATE_SKIP_TESTS:-0}" != 1 ]; then
  step "unit tests (ctest -L fast)"
  ctest --test-dir "$GATE_DIR/release" -L fast -j "$JOBS" --timeout 300 --output-on-failure \
    --output-junit "$OUT/unit-tests.junit.xml" > "$OUT/unit-tests.log" 2>&1 ||
    { tail -40 "$OUT/unit-tests.log" >&2; die "unit tests failed (log: $OUT/unit-tests.log)" 1; }
  tail -3 "$OUT/unit-tests.log" >&2
fi

if [ "${GATE_SKIP_ASAN:-0}" != 1 ]; then
  step "build candidate (asan CLI) and smoke-run a real target"
  cmake -S . -B "$GATE_DIR/asan" "${CONFIG[@]}" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCONTEND_SANITIZER=asan \
    -DCONTEND_BUILD_BENCHMARKS=OFF -DCONTEND_BUILD_TESTS=OFF > "$OUT/build-asan.log" 2>&1 &&
    cmake --build "$GATE_DIR/asan" -j "$JOBS" --target contend >> "$OUT/build-asan.log" 2>&1 ||
    { tail -30 "$OUT/build-asan.log" >&2; die "asan build failed (log: $OUT/build-asan.log)" 1; }
  # std_mutex_map only: UBSan flags a misaligned downcast inside oneTBB's concurrent_hash_map
  # iterator (/usr/include/oneapi/tbb/concurrent_hash_map.h:446), a third-party finding that
  # ci/test.sh leaves out of its smoke run too.
  "$GATE_DIR/asan/contend" run --target std_mutex_map --ops 20000 --out "$OUT/asan-smoke" --quiet \
    > "$OUT/asan-smoke.log" 2>&1 || { cat "$OUT/asan-smoke.log" >&2; die "asan smoke run failed" 1; }
fi

step "build base $BASE_REF ($(git rev-parse --short=12 "$BASE_SHA")) in a worktree"
BASE_SRC=$GATE_DIR/base-src
if [ ! -e "$BASE_SRC/.git" ]; then
  git worktree add --detach "$BASE_SRC" "$BASE_SHA" > "$OUT/build-base.log" 2>&1 || die "git worktree add failed" 1
else
  git -C "$BASE_SRC" checkout -q --detach "$BASE_SHA" >> "$OUT/build-base.log" 2>&1 || die "worktree checkout failed" 1
fi
cmake -S "$BASE_SRC" -B "$GATE_DIR/base-release" "${CONFIG[@]}" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
  -DCONTEND_BUILD_TESTS=OFF -DCONTEND_BUILD_BENCHMARKS=OFF >> "$OUT/build-base.log" 2>&1 &&
  cmake --build "$GATE_DIR/base-release" -j "$JOBS" --target contend >> "$OUT/build-base.log" 2>&1 ||
  { tail -30 "$OUT/build-base.log" >&2; die "base build failed (log: $OUT/build-base.log)" 1; }
BASE=$GATE_DIR/base-release/contend

# Short controlled exploration of every real target (contend explore, when the candidate has
# contend-ctl): any failure found is a real-target bug, so the gate fails with its exit code.
# Corpus/regression-input replay joins here once the fuzzers ship a replay command for them.
if [ -x "$(dirname "$CAND")/contend-ctl" ]; then
  step "controlled exploration: every real target, ${GATE_EXPLORE_RUNS:=300} executions each"
  timeout 300 "$CAND" explore --target all --runs "$GATE_EXPLORE_RUNS" > "$OUT/explore.log" 2>&1
  explore_rc=$?
  tail -3 "$OUT/explore.log" >&2
  [ $explore_rc = 0 ] || die "controlled exploration failed (exit $explore_rc, log: $OUT/explore.log)" $explore_rc
else
  echo "gate: no contend-ctl next to $CAND: controlled exploration skipped" >&2
fi

step "A/B matrix ($MATRIX), alternating base and candidate"
"$CAND" matrix "$MATRIX" --baseline-binary "$BASE" --out "$OUT/ab" 2> "$OUT/matrix.log"
matrix_rc=$?
grep -E "^matrix|^\[[0-9]+/[0-9]+\].*(NO RESULT|violation|crash|timeout)" "$OUT/matrix.log" | head -20 >&2
tail -1 "$OUT/matrix.log" >&2
[ $matrix_rc = 1 ] && die "the matrix could not run every cell (log: $OUT/matrix.log)" 1

step "decide"
decide "$OUT/ab" "$ROOT/results/baseline" "$OUT" "$CAND"
rc=$?
echo "gate: finished in ${SECONDS}s" >&2
exit $rc
