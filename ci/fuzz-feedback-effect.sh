#!/usr/bin/env bash
# Effect of the interleaving feedback (fuzzers/interleaving_feedback.h): executions to the first
# failure per map canary, with the feedback on (default) and off (CONTEND_FUZZ_FEEDBACK=0), over
# SEEDS engine seeds each; prints per canary the median (and min/max) of both and their ratio.
# The runs alternate on/off per seed so machine drift hits both alike.
#
# Usage: ci/fuzz-feedback-effect.sh [SEEDS] [ENGINE] [BUDGET_S]   (after building the release or
#        fuzz preset; BUILD=build/fuzz to pick another build dir)
#   SEEDS     seeds per canary and mode (default 10)
#   ENGINE    libfuzzer (default) or afl
#   BUDGET_S  per-run time limit in seconds (default 120); a run that finds nothing counts as
#             "not found" and is reported, not counted as a number
# Env: FEEDBACK_ON=1 (both feature families, the default), rf (reads-from only) or switch
#      (switch pairs only): the "on" mode compared against no feedback.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-10}
engine=${2:-libfuzzer}
budget=${3:-120}
build=${BUILD:-build/release}
on_mode=${FEEDBACK_ON:-1}
dir=$build/fuzzers/$engine
[ -x "$dir/fuzz_map_controlled" ] || { echo "error: $dir/fuzz_map_controlled missing: build the release preset" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# execs_to_failure CANARY FEEDBACK SEED -> prints the execution count of the failing input, or NA
execs_to_failure() {
  local canary=$1 fb=$2 seed=$3 run=$work/$1-$2-$3
  mkdir -p "$run"
  if [ "$engine" = libfuzzer ]; then
    CONTEND_FUZZ_FEEDBACK=$fb "$dir/fuzz_map_controlled_$canary" -seed="$seed" -max_total_time="$budget" \
      -print_final_stats=1 -artifact_prefix="$run/" >"$run/log" 2>&1 || true
    if ls "$run"/crash-* >/dev/null 2>&1; then
      sed -n 's/^stat::number_of_executed_units: *//p' "$run/log"
    else echo NA; fi
  else
    mkdir -p "$run/in" && printf '\x05\x1b\x1b\x1b\x1b' >"$run/in/seed"
    CONTEND_FUZZ_FEEDBACK=$fb AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
      AFL_BENCH_UNTIL_CRASH=1 afl-fuzz -s "$seed" -V "$budget" -i "$run/in" -o "$run/out" -- "$dir/fuzz_map_controlled_$canary" \
      >"$run/log" 2>&1 || true
    local c
    c=$(ls "$run/out/default/crashes" 2>/dev/null | grep -m1 '^id:' || true)
    if [ -n "$c" ]; then echo "$c" | sed -n 's/.*,execs:\([0-9]*\),.*/\1/p'; else echo NA; fi
  fi
}

stats() {  # stdin: numbers or NA -> "median M (min a, max b), k/n found"
  python3 -c '
import sys, statistics
v = [l.strip() for l in sys.stdin if l.strip()]
n = [int(x) for x in v if x != "NA"]
if not n: print(f"not found in {len(v)} runs"); sys.exit()
print(f"median {statistics.median(n):.0f} (min {min(n)}, max {max(n)}), {len(n)}/{len(v)} found")'
}

echo "engine $engine, feedback '$on_mode' vs off, $seeds seeds, budget ${budget}s per run, build $build, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for canary in canary_lost_update_map canary_racy_map canary_unsafe_iter_map; do
  : >"$work/on" ; : >"$work/off"
  for ((s = 1; s <= seeds; s++)); do
    execs_to_failure "$canary" "$on_mode" "$s" >>"$work/on"
    execs_to_failure "$canary" 0 "$s" >>"$work/off"
  done
  on=$(stats <"$work/on"); off=$(stats <"$work/off")
  ratio=$(python3 -c '
import sys, statistics
a = [int(x) for x in open(sys.argv[1]).read().split() if x != "NA"]
b = [int(x) for x in open(sys.argv[2]).read().split() if x != "NA"]
print(f"{statistics.median(b) / statistics.median(a):.2f}x" if a and b else "n/a")' "$work/on" "$work/off")
  echo "$canary: feedback on: $on; off: $off; off/on median ratio $ratio"
  echo "  on:  $(tr '\n' ' ' <"$work/on")"
  echo "  off: $(tr '\n' ' ' <"$work/off")"
done
