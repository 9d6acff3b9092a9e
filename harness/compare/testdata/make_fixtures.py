#!/usr/bin/env python3
"""Writes the comparer's fixture JSONs (committed; rerun only to change them).

Each scenario folder holds base/ and cand/ result files (schema 1, see results/README.md) of one
cell, std_mutex_map map-mix/default t2, with figures drawn deterministically from a seeded
generator so the scenario's ground truth is known:
  regression/   5 vs 5 reps, candidate throughput -25 %, p99 +60 %  -> flagged
  improvement/  5 vs 5 reps, candidate throughput +30 %, p99 -30 %  -> improvement, exit 0
  noise/        9 vs 9 reps from one distribution (+-8 % jitter)    -> nothing flagged
  few/          3 vs 3 reps, throughput -40 %                       -> "too few repetitions", exit 0
  violation/    5 vs 5 reps, same figures, one candidate run has a lost-update violation -> flagged
plus malformed.json, truncated.json, schema2.json and gbench/{base,cand}.json (Google Benchmark
1.7 format, 9 repetitions, BM_MapMix/std_mutex_map 20 % slower in the candidate).
"""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))


def result(rng, seed, tput, p99, outcome="ok", violations=()):
    j = lambda x, f=0.08: x * (1 + rng.uniform(-f, f))
    lat = {}
    for op, share in (("insert", 0.25), ("erase", 0.15), ("find", 0.45), ("add", 0.15)):
        q = j(p99)
        lat[op] = {"count": int(tput * share), "p50": int(j(40)), "p90": int(j(60)), "p99": int(q),
                   "p999": int(q * 3), "max": int(j(5e6, 0.5)), "mean": j(150)}
    series = [[round(0.05 * i, 3), int(2e6 + 3.5e6 * min(1, i / 2) + rng.uniform(0, 2e4)), int(1e5 + 2.5e6 * min(1, i / 2))]
              for i in range(11)]
    return {
        "schema": 1, "contend_version": "0.1.0", "git_sha": "fixture", "allocator": "glibc", "clock_source": "tsc",
        "machine": {"cpu_model": "fixture", "cores": 2},
        "run": {"target": "std_mutex_map", "workload": "map-mix",
                "params": {"preset": "default", "threads": 2, "seed": seed, "duration_s": 0.5},
                "threads": 2, "seed": seed, "mode": "stress", "duration_s": 0.5, "notes": []},
        "total_ops": int(tput / 2), "throughput_ops_s": j(tput, 0.03), "latency_ns": lat,
        "rss": {"start_bytes": series[0][1], "peak_bytes": int(j(5.8e6, 0.01)), "end_bytes": series[-1][1],
                "slope_bytes_per_s": j(1.9e6, 0.05), "samples": len(series), "alloc_start_bytes": series[0][2],
                "alloc_end_bytes": series[-1][2], "alloc_slope_bytes_per_s": j(3e5, 0.05), "series": series,
                "series_columns": ["t_s", "rss_bytes", "alloc_bytes"]},
        "violations": list(violations), "violations_total": len(violations), "workload_metrics": {},
        "outcome": outcome, "outcome_detail": "" if outcome == "ok" else "1 violation: lost-update",
        "replay_command": "contend run --target std_mutex_map --preset default --seed %d" % seed,
    }


def scenario(name, n_base, n_cand, cand_tput, cand_p99, violation_at=None):
    rng = random.Random(name)
    for side, n, tput, p99 in (("base", n_base, 6.8e6, 190), ("cand", n_cand, cand_tput, cand_p99)):
        d = os.path.join(HERE, name, side)
        os.makedirs(d, exist_ok=True)
        for i in range(n):
            viol = ()
            if side == "cand" and i == violation_at:
                viol = ({"kind": "lost-update", "detail": "counter key 3: final sum 41 below the sum of deltas 42",
                         "key": 3},)
            r = result(rng, i + 1, tput, p99, "violation" if viol else "ok", viol)
            with open(os.path.join(d, "rep-%d.json" % i), "w") as f:
                json.dump(r, f, indent=1, sort_keys=True)


def gbench(path, slow):
    rng = random.Random(path)
    benches = []
    for fam, (name, t) in enumerate((("BM_MapMix/std_mutex_map/default/threads:2", 150.0),
                                     ("BM_MapMix/tbb_hash_map/default/threads:2", 90.0))):
        if slow and "std_mutex" in name:
            t *= 1.2
        for rep in range(9):
            rt = t * (1 + rng.uniform(-0.03, 0.03))
            benches.append({"name": name, "family_index": fam, "per_family_instance_index": 0, "run_name": name,
                            "run_type": "iteration", "repetitions": 9, "repetition_index": rep, "threads": 2,
                            "iterations": 1000000, "real_time": rt, "cpu_time": rt * 2, "time_unit": "ns",
                            "items_per_second": 1e9 / rt})
        benches.append({"name": name + "_median", "family_index": fam, "per_family_instance_index": 0,
                        "run_name": name, "run_type": "aggregate", "repetitions": 9, "threads": 2,
                        "aggregate_name": "median", "aggregate_unit": "time", "iterations": 9, "real_time": t,
                        "cpu_time": t * 2, "time_unit": "ns"})
    doc = {"context": {"date": "2024-01-01T00:00:00+00:00", "host_name": "fixture", "executable": "map_mix_bench",
                       "num_cpus": 2, "mhz_per_cpu": 2000, "cpu_scaling_enabled": False, "caches": [],
                       "load_avg": [0.5], "library_build_type": "release"},
           "benchmarks": benches}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


scenario("regression", 5, 5, 6.8e6 * 0.75, 190 * 1.6)
scenario("improvement", 5, 5, 6.8e6 * 1.3, 190 * 0.7)
scenario("noise", 9, 9, 6.8e6, 190)
scenario("few", 3, 3, 6.8e6 * 0.6, 190)
scenario("violation", 5, 5, 6.8e6, 190, violation_at=2)
os.makedirs(os.path.join(HERE, "gbench"), exist_ok=True)
gbench(os.path.join(HERE, "gbench", "base.json"), False)
gbench(os.path.join(HERE, "gbench", "cand.json"), True)
good = json.load(open(os.path.join(HERE, "regression", "base", "rep-0.json")))
with open(os.path.join(HERE, "truncated.json"), "w") as f:
    f.write(json.dumps(good, indent=1)[:700])
with open(os.path.join(HERE, "malformed.json"), "w") as f:
    f.write('{"schema": 1, "run": {"target": "std_mutex_map",, "workload": "map-mix"}}\n')
good["schema"] = 2
with open(os.path.join(HERE, "schema2.json"), "w") as f:
    json.dump(good, f, indent=1, sort_keys=True)
# gate-unchanged/, gate-slower/, gate-new-violation/: symlinks {baseline,candidate} -> the
# scenarios above, in the layout `contend matrix --baseline-binary` writes (ci/pr-gate.sh --decide).
