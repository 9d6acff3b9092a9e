#!/usr/bin/env python3
"""The seeded-bug zoo benchmark; see ci/bug-zoo.sh for usage. Every run has the same wall budget;
a method "finds" a bug when its run ends in a failure (explore/stress outcome not ok, a fuzzer
crash). Seconds to find are wall seconds from the start of the run to the failure (explore: its
search time; fuzzers: the engine's own first-crash time; stress: the run's duration)."""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS = ["explore-pct", "explore-random", "libfuzzer", "afl", "stress"]


def log(msg):
    print(f"bug-zoo: {msg}", file=sys.stderr, flush=True)


def parse(argv):
    p = argparse.ArgumentParser(prog="ci/bug-zoo.sh", add_help=False)
    p.add_argument("budget", nargs="?", type=float, default=10.0)
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--methods", default=",".join(METHODS))
    p.add_argument("--only", default=None)
    p.add_argument("--clean-s", type=float, default=30.0)
    p.add_argument("--out", default=None)
    p.add_argument("--build", default=None)
    p.add_argument("--check-args", action="store_true")
    a = p.parse_args(argv)
    bad = [m for m in a.methods.split(",") if m not in METHODS]
    if bad:
        p.error(f"unknown method {bad[0]!r}: use a comma list of {','.join(METHODS)}")
    if not (0 < a.budget <= 86400):
        p.error(f"BUDGET_S {a.budget} is out of range: use 1..86400 seconds")
    if not (1 <= a.seeds <= 100):
        p.error(f"--seeds {a.seeds} is out of range: use 1..100")
    if a.only:
        try:
            re.compile(a.only)
        except re.error as e:
            p.error(f"--only {a.only!r} is not a regular expression: {e}")
    return a


def targets(build):
    out = subprocess.run([str(build / "contend"), "list", "--json"], capture_output=True, text=True, check=True).stdout
    maps = [t for t in json.loads(out)["targets"] if t.get("kind") == "map"]
    return [t["name"] for t in maps], {t["name"]: t.get("canary", False) for t in maps}


def explore(build, target, strategy, seed, budget, work):
    out = work / "r.json"
    t0 = time.monotonic()
    subprocess.run([str(build / "contend"), "explore", "--target", target, "--strategy", strategy, "--seed", str(seed),
                    "--duration", str(budget), "--failures-dir", str(work / "f"), "--out", str(out)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=budget + 300)
    if not out.exists():
        return {"found": False, "error": "no result", "wall_s": time.monotonic() - t0}
    r = json.loads(out.read_text())
    c = r.get("controlled", {})
    res = {"found": r["outcome"] != "ok", "outcome": r["outcome"], "seconds": r["run"]["duration_s"],
           "executions": c.get("executions")}
    if c.get("failures"):
        f = c["failures"][0]
        res["executions"] = f["execution"] + 1
        m = f.get("minimized")
        if m:
            res["minimized"] = {"parallel_ops": m["size"]["parallel_ops"], "init_ops": m["size"]["init_ops"],
                                "threads": m["size"]["threads"], "preemptions": m["preemptions"],
                                "seconds": m["seconds"]}
    return res


def libfuzzer(build, target, seed, budget, work):
    corpus, crashes = work / "corpus", work / "crashes"
    corpus.mkdir(parents=True)
    crashes.mkdir()
    exe = build / "fuzzers" / "libfuzzer" / f"fuzz_map_controlled_{target}"
    t0 = time.monotonic()
    p = subprocess.run([str(exe), f"-max_total_time={int(max(1, budget))}", f"-seed={seed}", "-print_final_stats=1",
                        f"-artifact_prefix={crashes}/", str(corpus)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace",
                       timeout=budget + 120, env={**os.environ, "CONTEND_QUIET": "1"})
    wall = time.monotonic() - t0
    m = re.findall(r"#(\d+)", p.stderr)
    found = any(crashes.iterdir())
    return {"found": found, "seconds": wall if found else None, "executions": int(m[-1]) if m else None}


def afl(build, target, seed, budget, work):
    inputs, out = work / "in", work / "out"
    inputs.mkdir(parents=True)
    seeds = ROOT / "corpora" / "fuzz_map_controlled" / "seeds"
    if seeds.is_dir():
        for f in list(seeds.iterdir())[:32]:
            shutil.copy(f, inputs / f.name)
    if not any(inputs.iterdir()):
        (inputs / "empty").write_bytes(b"\0")
    exe = build / "fuzzers" / "afl" / f"fuzz_map_controlled_{target}"
    env = {**os.environ, "AFL_NO_UI": "1", "AFL_SKIP_CPUFREQ": "1", "AFL_NO_AFFINITY": "1", "AFL_BENCH_UNTIL_CRASH": "1",
           "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES": "1", "AFL_FAST_CAL": "1", "AFL_SKIP_CRASHES": "1"}
    t0 = time.monotonic()
    subprocess.run(["afl-fuzz", "-V", str(int(max(1, budget))), "-s", str(seed), "-i", str(inputs), "-o", str(out),
                    "-t", "10000", "--", str(exe)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   timeout=budget + 120)
    stats = {}
    sf = out / "default" / "fuzzer_stats"
    if sf.exists():
        for line in sf.read_text().splitlines():
            k, _, v = line.partition(":")
            stats[k.strip()] = v.strip()
    crashes = out / "default" / "crashes"
    found = crashes.is_dir() and any(f.name.startswith("id:") for f in crashes.iterdir())
    secs = None
    if found and stats.get("last_crash") and stats.get("start_time"):
        secs = max(0, int(stats["last_crash"]) - int(stats["start_time"]))
    return {"found": found, "seconds": secs if found else None, "wall_s": time.monotonic() - t0,
            "executions": int(stats.get("execs_done", 0)) or None}


def stress(build, target, seed, budget, work):
    out = work / "r.json"
    subprocess.run([str(build / "contend"), "run", "--target", target, "--seed", str(seed), "--duration", str(budget),
                    "--out", str(out), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=budget + 300)
    if not out.exists():
        return {"found": False, "error": "no result"}
    r = json.loads(out.read_text())
    return {"found": r["outcome"] != "ok", "outcome": r["outcome"], "seconds": r["run"]["duration_s"],
            "executions": r.get("total_ops")}


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def main():
    a = parse(sys.argv[1:])
    if a.check_args:
        return 0
    build = (ROOT / a.build).resolve()
    out = Path(a.out) if a.out else ROOT / "results" / "bug-zoo" / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out.mkdir(parents=True, exist_ok=True)
    names, canary = targets(build)
    bugs = [n[4:] for n in names if n.startswith("zoo_") and not n.endswith("_fixed")]
    if a.only:
        bugs = [b for b in bugs if re.search(a.only, b)]
    methods = a.methods.split(",")
    runners = {"explore-pct": lambda t, s, w: explore(build, t, "pct", s, a.budget, w),
               "explore-random": lambda t, s, w: explore(build, t, "random", s, a.budget, w),
               "libfuzzer": lambda t, s, w: libfuzzer(build, t, s, a.budget, w),
               "afl": lambda t, s, w: afl(build, t, s, a.budget, w),
               "stress": lambda t, s, w: stress(build, t, s, a.budget, w)}
    runs = []
    with tempfile.TemporaryDirectory(prefix="contend-bug-zoo-") as tmp:
        for bug in bugs:
            for method in methods:
                for seed in range(1, a.seeds + 1):
                    work = Path(tmp) / f"{bug}-{method}-{seed}"
                    work.mkdir()
                    r = runners[method](f"zoo_{bug}", seed, work)
                    r.update({"bug": bug, "method": method, "seed": seed})
                    runs.append(r)
                    log(f"{bug:24} {method:15} seed {seed}: {'found' if r['found'] else 'not found'}"
                        + (f" in {r['seconds']:.2f} s" if r.get("seconds") is not None and r["found"] else ""))
        clean = []
        if a.clean_s > 0:
            real = [n for n in names if not canary.get(n) or n.endswith("_fixed")]
            for t in real:
                work = Path(tmp) / f"clean-{t}"
                work.mkdir()
                r = explore(build, t, "pct", 1, a.clean_s, work)
                clean.append({"target": t, "failed": r["found"], "outcome": r.get("outcome"),
                              "executions": r.get("executions")})
                log(f"clean {t:32} {r.get('outcome')} after {r.get('executions')} executions")
    table = []
    for bug in bugs:
        for method in methods:
            rs = [r for r in runs if r["bug"] == bug and r["method"] == method]
            found = [r for r in rs if r["found"]]
            mins = [r["minimized"] for r in found if "minimized" in r]
            table.append({"bug": bug, "method": method, "found": len(found), "runs": len(rs),
                          "median_seconds": median([r.get("seconds") for r in found]),
                          "median_executions": median([r.get("executions") for r in found]),
                          "max_minimized_parallel_ops": max((m["parallel_ops"] for m in mins), default=None),
                          "max_minimized_preemptions": max((m["preemptions"] for m in mins), default=None)})
    per_method = {m: sum(1 for row in table if row["method"] == m and row["found"] == row["runs"]) for m in methods}
    summary = {"budget_s": a.budget, "seeds": a.seeds, "methods": methods, "bugs": bugs, "table": table,
               "bugs_found_every_seed": per_method, "clean": clean, "runs": runs,
               "command": "bash ci/bug-zoo.sh " + " ".join(sys.argv[1:]).replace("--build build/release", "").strip(),
               "loadavg": os.getloadavg()}
    (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    fmt = lambda x: "-" if x is None else (f"{x:.2f}" if isinstance(x, float) else str(x))
    md = [f"# Bug zoo: {a.budget:g} s per run, {a.seeds} seeds", "",
          f"`{summary['command']}`, load average at the end {os.getloadavg()[0]:.1f}", "",
          "| bug | method | found | median s | median executions | minimized ops (max) | preemptions (max) |",
          "|---|---|--:|--:|--:|--:|--:|"]
    for row in table:
        md.append(f"| {row['bug']} | {row['method']} | {row['found']}/{row['runs']} | {fmt(row['median_seconds'])} | "
                  f"{fmt(row['median_executions'])} | {fmt(row['max_minimized_parallel_ops'])} | "
                  f"{fmt(row['max_minimized_preemptions'])} |")
    md += ["", "Bugs found with every seed, per method: " +
           ", ".join(f"{m} {n}/{len(bugs)}" for m, n in per_method.items()), ""]
    if clean:
        md += ["| clean target (explore pct) | outcome | executions |", "|---|---|--:|"]
        md += [f"| {c['target']} | {c['outcome']} | {fmt(c['executions'])} |" for c in clean]
    (out / "summary.md").write_text("\n".join(md) + "\n")
    log(f"wrote {out}/summary.md")
    return 77 if any(c["failed"] for c in clean) else 0


if __name__ == "__main__":
    sys.exit(main())
