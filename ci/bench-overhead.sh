#!/usr/bin/env bash
# Stress-mode overhead: contend run (latency recording, invariants, default history prefix) vs
# the raw Google Benchmark loop over the same op mix, container and thread count
# (harness/runner/map_stress_bench.cpp), alternated REPS times in one session so machine drift
# hits both alike. Prints per-target medians and the ratio contend/raw (target: >= 0.9).
# Usage: ci/bench-overhead.sh [REPS] [OPS_PER_THREAD] [THREADS]   (after a release build)
# BUILD_DIR selects the build tree (default build/release), e.g. BUILD_DIR=build/h-work.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
ops=${2:-2000000}
threads=${3:-2}
bin=${BUILD_DIR:-build/release}
out=$(mktemp -d)
for target in tbb_hash_map std_mutex_map; do
  case $target in tbb_hash_map) bm='BM_Raw<TbbHashMap>';; std_mutex_map) bm='BM_Raw<StdMutexMap>';; esac
  : > "$out/raw" ; : > "$out/contend"
  for ((i = 0; i < reps; i++)); do
    "$bin/harness/runner/map_stress_bench" --benchmark_filter="^$bm/real_time/threads:$threads\$" --benchmark_min_time=1 \
      --benchmark_format=json 2>/dev/null |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["benchmarks"][0]["items_per_second"])' >> "$out/raw"
    "$bin/contend" run --target "$target" --ops "$ops" --threads "$threads" --quiet --out "$out/r.json" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["throughput_ops_s"])' "$out/r.json" >> "$out/contend"
  done
  # Both the ratio of the medians and the median of the per-pair ratios (each contend run against
  # the raw run just before it, which cancels drift between pairs) with its quartiles.
  python3 - "$out/raw" "$out/contend" "$target" "$threads" "$reps" <<'PYEOF'
import statistics, sys
raw = [float(x) for x in open(sys.argv[1]).read().split()]
con = [float(x) for x in open(sys.argv[2]).read().split()]
target, threads, reps = sys.argv[3:6]
pairs = sorted(c / r for r, c in zip(raw, con))
q = statistics.quantiles(pairs, n=4) if len(pairs) >= 2 else [pairs[0]] * 3
print(f"{target}, {threads} threads: raw {statistics.median(raw)/1e6:.2f} Mops/s, contend "
      f"{statistics.median(con)/1e6:.2f} Mops/s, ratio {statistics.median(con)/statistics.median(raw):.2f} "
      f"(medians of {reps}); per-pair ratio median {statistics.median(pairs):.2f} (q1 {q[0]:.2f}, q3 {q[2]:.2f})")
PYEOF
done
