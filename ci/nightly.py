#!/usr/bin/env python3
"""Nightly fuzz job (driven by ci/nightly.sh, which builds first; see its header for usage).

Phases, each reported on stderr as it goes:
  1. fuzz    every fuzzer binary of every built engine, one process per core (each pinned to
             its own CPU: the controlled scheduler pins to the lowest CPU it may use), for an
             equal share of the budget. Corpora start from corpora/<fuzzer>/seeds plus the
             previous nightly's merged corpus, so they grow night over night.
             libFuzzer stops at a crash: it is restarted on its grown corpus (at most
             MAX_CRASH_RESTARTS times) so one shallow bug doesn't end the night.
  2. merge   libFuzzer -merge=1 over both engines' corpora -> <out>/corpora/<fuzzer>/.
  3. triage  every crash file is replayed twice (contend-ctl replay for map and pool fuzzers,
             the plain replay binary for fuzz_checker); reproducible ones are deduplicated by crash signature,
             each unique one is minimized and gets its replay command.
  3b. stress the merged map corpora replayed on real threads (fuzz_map_stress_<target>_replay):
             a sanity pass, reported only.
  4. report  <out>/summary.json and <out>/summary.md (also appended to $GITHUB_STEP_SUMMARY).

Exit: 0 ran (canary findings are expected), 77 a reproducible failure on a non-canary target,
2 bad arguments, 4 an output directory could not be written, 1 anything else.
"""
from __future__ import annotations

import argparse
import configparser
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_CRASH_RESTARTS = 5
MIN_SLOT_SECONDS = 10
TRIAGE_FILES_PER_RUN = 40      # crash files replayed per fuzzer x engine (AFL++ keeps hundreds)
MINIMIZE_PER_FUZZER = 4        # unique failures minimized per fuzzer (the rest: raw + replay)


def log(msg: str) -> None:
    print(f"nightly: {msg}", file=sys.stderr, flush=True)


@dataclass
class Fuzzer:
    name: str      # binary name, e.g. fuzz_map_controlled_tbb_hash_map
    family: str    # fuzz_map_controlled, fuzz_pool_controlled, fuzz_checker
    target: str    # map/pool target name ("" for fuzz_checker)

    @property
    def is_canary(self) -> bool:
        """Deliberately broken: a canary, or a seeded zoo bug (not its *_fixed twin)."""
        zoo_bug = self.target.startswith("zoo_") and not self.target.endswith("_fixed")
        return "canary" in self.target or zoo_bug

    def options(self) -> dict:
        """[libfuzzer] section of fuzzers/<family>.options (dict path made absolute)."""
        p = ROOT / "fuzzers" / f"{self.family}.options"
        if not p.exists():
            return {}
        cp = configparser.ConfigParser()
        cp.read(p)
        opts = dict(cp["libfuzzer"]) if cp.has_section("libfuzzer") else {}
        if "dict" in opts:
            opts["dict"] = str(ROOT / "fuzzers" / opts["dict"])
        return opts

    def seeds(self) -> Path | None:
        base = "fuzz_map_controlled" if self.family == "fuzz_map_stress" else self.family
        p = ROOT / "corpora" / base / "seeds"
        return p if p.is_dir() else None


@dataclass
class Job:
    fuzzer: Fuzzer
    engine: str
    binary: Path
    work: Path
    seconds: int
    stats: dict = field(default_factory=dict)
    crashes: list = field(default_factory=list)


def discover(build: Path, only: str | None) -> dict[str, list[Fuzzer]]:
    """engine -> fuzzers built for it (the per-target names; fuzz_map_stress is for sanitizer
    replays, not for the nightly search)."""
    out: dict[str, list[Fuzzer]] = {}
    for engine in ("libfuzzer", "afl"):
        d = build / "fuzzers" / engine
        if not d.is_dir():
            continue
        found = []
        for f in sorted(d.iterdir()):
            n = f.name
            if not os.access(f, os.X_OK) or f.suffix or not n.startswith("fuzz_"):
                continue
            m = re.match(r"(fuzz_(?:map|pool)_controlled)_(\w+)$", n)
            if m:
                fz = Fuzzer(n, m.group(1), m.group(2))
            elif n == "fuzz_checker":
                fz = Fuzzer(n, n, "")
            else:
                continue
            if only and not re.search(only, n):
                continue
            # The seeded-bug zoo is ci/bug-zoo.sh's benchmark; the nightly fuzzes it only when named.
            if not only and fz.target.startswith("zoo_"):
                continue
            found.append(fz)
        if found:
            out[engine] = found
    return out


def previous_corpus(nightly_root: Path, out: Path, fuzzer: str) -> Path | None:
    """The most recent earlier nightly's merged corpus of `fuzzer`."""
    if not nightly_root.is_dir():
        return None
    for d in sorted(nightly_root.iterdir(), reverse=True):
        p = d / "corpora" / fuzzer
        if d != out and p.is_dir() and any(p.iterdir()):
            return p
    return None


def copy_inputs(src: Path | None, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    if src and src.is_dir():
        for f in src.iterdir():
            if f.is_file() and f.name != "README":
                shutil.copy(f, dst / f.name)


def run_libfuzzer(job: Job, seed: int, cpu: int) -> None:
    corpus, crashes = job.work / "corpus", job.work / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    opts = job.fuzzer.options()
    deadline = time.monotonic() + job.seconds
    execs, cov, ft, restarts = 0, 0, 0, 0
    with open(job.work / "log", "w") as logf:
        while True:
            left = int(deadline - time.monotonic())
            if left < 2 or restarts > MAX_CRASH_RESTARTS:
                break
            cmd = ["taskset", "-c", str(cpu), str(job.binary), f"-max_total_time={left}", f"-seed={seed + restarts}",
                   "-print_final_stats=1", f"-artifact_prefix={crashes}/"]
            cmd += [f"-{k}={v}" for k, v in opts.items()]
            cmd.append(str(corpus))
            logf.write("$ " + " ".join(cmd) + "\n")
            logf.flush()
            p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace",
                               env={**os.environ, "CONTEND_QUIET": "1"})
            logf.write(p.stderr)
            m = re.search(r"stat::number_of_executed_units:\s*(\d+)", p.stderr)
            execs += int(m.group(1)) if m else 0
            for c, f in re.findall(r"cov: (\d+) ft: (\d+)", p.stderr):
                cov, ft = max(cov, int(c)), max(ft, int(f))
            if p.returncode == 0:
                break
            restarts += 1
    job.stats = {"executions": execs, "coverage": {"edges": cov, "features": ft}, "restarts_after_crash": restarts}
    job.crashes = sorted(f for f in crashes.iterdir() if f.name.startswith(("crash-", "timeout-", "oom-", "leak-")))


def afl_stats(path: Path) -> dict:
    stats = {}
    if path.exists():
        for line in path.read_text().splitlines():
            k, _, v = line.partition(":")
            stats[k.strip()] = v.strip()
    return stats


def run_afl(job: Job, seed: int, cpu: int) -> None:
    inputs, out = job.work / "in", job.work / "out"
    opts = job.fuzzer.options()
    cmd = ["taskset", "-c", str(cpu), "afl-fuzz", "-V", str(job.seconds), "-s", str(seed), "-i", str(inputs), "-o", str(out),
           "-t", str(int(float(opts.get("timeout", 10)) * 1000))]
    if "dict" in opts:
        cmd += ["-x", opts["dict"]]
    cmd += ["--", str(job.binary)]
    env = {**os.environ, "AFL_NO_UI": "1", "AFL_SKIP_CPUFREQ": "1", "AFL_NO_AFFINITY": "1",
           "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES": "1", "AFL_IMPORT_FIRST": "1", "AFL_FAST_CAL": "1"}
    with open(job.work / "log", "w") as logf:
        logf.write("$ " + " ".join(cmd) + "\n")
        logf.flush()
        subprocess.run(cmd, stdout=logf, stderr=subprocess.STDOUT, env=env, timeout=job.seconds + 120)
    s = afl_stats(out / "default" / "fuzzer_stats")
    job.stats = {"executions": int(s.get("execs_done", 0)),
                 "coverage": {"edges": int(s.get("edges_found", 0)), "bitmap": s.get("bitmap_cvg", "")},
                 "stability": s.get("stability", ""), "saved_hangs": int(s.get("saved_hangs", 0))}
    crashes = out / "default" / "crashes"
    job.crashes = sorted(f for f in crashes.iterdir() if f.name.startswith("id:")) if crashes.is_dir() else []


def corpus_files(job: Job) -> list[Path]:
    d = job.work / "corpus" if job.engine == "libfuzzer" else job.work / "out" / "default" / "queue"
    return [f for f in d.iterdir() if f.is_file()] if d.is_dir() else []


def run_jobs(jobs: list[Job], ncpu: int, seed: int) -> None:
    """One job per CPU at a time; progress line per finished job."""
    pending, running, done = list(jobs), {}, 0

    def worker(job: Job, cpu: int):
        t0 = time.monotonic()
        try:
            (run_libfuzzer if job.engine == "libfuzzer" else run_afl)(job, seed, cpu)
        except Exception as e:  # a broken job is reported, never ends the night
            job.stats = {"error": str(e)}
        job.stats["seconds"] = round(time.monotonic() - t0, 1)
        ex = job.stats.get("executions", 0)
        job.stats["exec_per_s"] = round(ex / job.stats["seconds"]) if job.stats["seconds"] else 0

    free = list(range(ncpu))
    while pending or running:
        while pending and free:
            job, cpu = pending.pop(0), free.pop(0)
            th = threading.Thread(target=worker, args=(job, cpu))
            th.start()
            running[th] = (job, cpu)
        time.sleep(0.2)
        for th in [t for t in running if not t.is_alive()]:
            job, cpu = running.pop(th)
            free.append(cpu)
            done += 1
            s = job.stats
            log(f"[{done}/{len(jobs)}] {job.engine:9} {job.fuzzer.name}: {s.get('executions', 0)} execs "
                f"({s.get('exec_per_s', 0)}/s), cov {s.get('coverage', {}).get('edges', '?')}, "
                f"{len(corpus_files(job))} inputs, {len(job.crashes)} crash files"
                + (f", ERROR {s['error']}" if "error" in s else ""))


def merge_corpus(fuzzer: Fuzzer, jobs: list[Job], build: Path, dst: Path) -> dict:
    """Both engines' corpora into one minimal set (libFuzzer -merge=1); a plain union when only
    AFL++ was built."""
    dst.mkdir(parents=True, exist_ok=True)
    inputs = [j.work / ("corpus" if j.engine == "libfuzzer" else "out/default/queue") for j in jobs]
    inputs = [d for d in inputs if d.is_dir()]
    before = sum(len([f for f in d.iterdir() if f.is_file()]) for d in inputs)
    lf = build / "fuzzers" / "libfuzzer" / fuzzer.name
    if lf.exists():
        opts = {k: v for k, v in fuzzer.options().items() if k in ("max_len", "timeout")}
        cmd = [str(lf), "-merge=1"] + [f"-{k}={v}" for k, v in opts.items()] + [str(dst)] + [str(d) for d in inputs]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    else:
        for d in inputs:
            copy_inputs(d, dst)
    return {"inputs_before": before, "inputs_after": len(list(dst.iterdir()))}


def replay_command(fuzzer: Fuzzer, build: Path, path: Path) -> str:
    """What a person runs to see the failure again, with its interleaving trace."""
    if fuzzer.target:
        return f"{build}/contend replay --target {fuzzer.target} --trace {path}"
    return f"{build}/fuzzers/{fuzzer.name}_replay {path}"


def replay_signature(fuzzer: Fuzzer, build: Path, path: Path) -> str:
    """The crash signature of replaying `path`; "" if it does not fail."""
    if fuzzer.target:  # map and pool crash files replay in contend-ctl
        cmd = [str(build / "contend-ctl"), "replay", "--target", fuzzer.target, str(path)]
    else:
        cmd = [str(build / "fuzzers" / f"{fuzzer.name}_replay"), str(path)]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=120)
    if p.returncode == 0:
        return ""
    m = re.search(r"^signature: (.*)$", p.stdout, re.M) or re.search(r"^SUMMARY: (.*)$", p.stderr, re.M)
    return m.group(1) if m else f"exit {p.returncode}"


def minimize(fuzzer: Fuzzer, build: Path, raw: Path, out: Path) -> str:
    """Writes the minimized input to `out`; returns the minimizer's description (contend minimize
    for map inputs, libFuzzer -minimize_crash for the others: their executions are deterministic)."""
    if fuzzer.family == "fuzz_map_controlled":
        p = subprocess.run([str(build / "contend-ctl"), "minimize", "--target", fuzzer.target, "--out", str(out), str(raw)],
                           capture_output=True, text=True, errors="replace", timeout=600)
        return p.stdout.strip()
    lf = build / "fuzzers" / "libfuzzer" / fuzzer.name
    if not lf.exists():
        return "not minimized (no libFuzzer build)"
    # cwd and prefix: -minimize_crash's child runs write their own crash-* files, which would
    # otherwise land in the caller's working directory.
    p = subprocess.run([str(lf.absolute()), "-minimize_crash=1", "-max_total_time=30", f"-exact_artifact_path={out}",
                        f"-artifact_prefix={out.parent}/", str(raw.absolute())],
                       capture_output=True, text=True, errors="replace", timeout=120, cwd=out.parent)
    return f"libFuzzer -minimize_crash: {raw.stat().st_size} -> {out.stat().st_size} bytes" if out.exists() else \
        "libFuzzer could not minimize it (" + (p.stderr.strip().splitlines() or ["?"])[-1] + ")"


def stress_replay(fuzzer: Fuzzer, build: Path, corpus: Path) -> dict | None:
    """Sanity pass: the merged corpus of a map fuzzer through fuzz_map_stress_<target>_replay, the
    same scenarios on real OS threads (real timestamps, same invariants and checker). Not
    reproducible by nature, so it is reported, never deduplicated or gated on."""
    binary = build / "fuzzers" / f"fuzz_map_stress_{fuzzer.target}_replay"
    files = sorted(str(f) for f in corpus.iterdir() if f.is_file()) if corpus.is_dir() else []
    if fuzzer.family != "fuzz_map_controlled" or not binary.exists() or not files:
        return None
    try:
        p = subprocess.run([str(binary), *files], capture_output=True, text=True, errors="replace", timeout=300)
    except subprocess.TimeoutExpired:
        return {"fuzzer": fuzzer.name, "inputs": len(files), "result": "timeout (300 s)"}
    if p.returncode == 0:
        return {"fuzzer": fuzzer.name, "inputs": len(files), "result": "pass"}
    running = re.findall(r"^Running: (\S+)", p.stderr, re.M)
    summary = re.findall(r"^SUMMARY: (.*)$", p.stderr, re.M)
    return {"fuzzer": fuzzer.name, "inputs": len(files), "result": summary[0] if summary else f"exit {p.returncode}",
            "input": running[-1] if running else "", "replay": f"{binary} {running[-1] if running else ''}"}


def slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-")[:60] or "failure"


def triage(jobs: list[Job], build: Path, out: Path) -> list[dict]:
    unique: dict[tuple[str, str], dict] = {}
    fuzzer_of = {j.fuzzer.name: j.fuzzer for j in jobs}
    for job in jobs:
        for raw in job.crashes[:TRIAGE_FILES_PER_RUN]:
            sig1 = replay_signature(job.fuzzer, build, raw)
            sig2 = replay_signature(job.fuzzer, build, raw) if sig1 else ""
            key = (job.fuzzer.name, sig1 if sig1 and sig1 == sig2 else "unreproducible")
            entry = unique.setdefault(key, {"fuzzer": job.fuzzer.name, "target": job.fuzzer.target,
                                            "canary": job.fuzzer.is_canary, "signature": key[1],
                                            "reproducible": key[1] != "unreproducible", "engines": [],
                                            "crash_files": 0, "raw": None})
            entry["crash_files"] += 1
            if job.engine not in entry["engines"]:
                entry["engines"].append(job.engine)
            if entry["raw"] is None:
                d = out / "crashes" / job.fuzzer.name / slug(key[1])
                d.mkdir(parents=True, exist_ok=True)
                shutil.copy(raw, d / "raw")
                entry["raw"] = str(d / "raw")
    failures = list(unique.values())
    minimized: dict[str, int] = {}
    for i, f in enumerate(failures):
        log(f"triage {i + 1}/{len(failures)}: {f['fuzzer']}: {f['signature']}")
        fz = fuzzer_of[f["fuzzer"]]
        raw = Path(f["raw"])
        f["replay"] = replay_command(fz, build, raw) if f["reproducible"] else ""
        if not f["reproducible"] or minimized.get(fz.name, 0) >= MINIMIZE_PER_FUZZER:
            continue
        minimized[fz.name] = minimized.get(fz.name, 0) + 1
        f["minimized"] = str(raw.with_name("min"))
        f["minimizer"] = minimize(fz, build, raw, raw.with_name("min"))
        if raw.with_name("min").exists():
            f["replay"] = replay_command(fz, build, raw.with_name("min"))
    return failures


def write_reports(out: Path, summary: dict) -> None:
    tmp = out / "summary.json.tmp"
    tmp.write_text(json.dumps(summary, indent=2) + "\n")
    tmp.replace(out / "summary.json")
    lines = [f"# Nightly fuzz {summary['date']}", "",
             f"Budget {summary['budget_minutes']} min on {summary['cpus']} CPUs, seed {summary['seed']}, "
             f"build {summary['build']}; {summary['fuzz_seconds']} s fuzzing, {summary['total_seconds']} s in all.", "",
             "| fuzzer | engine | s | executions | exec/s | coverage | corpus (merged) | crash files |",
             "|---|---|--:|--:|--:|--:|--:|--:|"]
    for r in summary["runs"]:
        cov = r.get("coverage", {})
        lines.append(f"| {r['fuzzer']} | {r['engine']} | {r.get('seconds', 0)} | {r.get('executions', 0)} | "
                     f"{r.get('exec_per_s', 0)} | {cov.get('edges', '?')} edges | "
                     f"{summary['corpora'].get(r['fuzzer'], {}).get('inputs_after', '?')} | {r.get('crash_files', 0)} |")
    lines += ["", "## Unique failures", ""]
    if not summary["failures"]:
        lines.append("None.")
    for f in summary["failures"]:
        tag = "canary (expected)" if f["canary"] else "**REAL TARGET**"
        lines += [f"- `{f['fuzzer']}` {tag}: `{f['signature']}` ({f['crash_files']} crash files, "
                  f"{'/'.join(f['engines'])}, {'reproducible' if f['reproducible'] else 'did not reproduce'})"]
        if f.get("replay"):
            lines += [f"  - replay: `{f['replay']}`"]
        if f.get("minimizer"):
            lines += ["  - minimized:", "    ```", *["    " + l for l in f["minimizer"].splitlines()], "    ```"]
    if summary["stress_replay"]:
        lines += ["", "## Merged corpora on real threads (fuzz_map_stress, not reproducible)", "",
                  "| fuzzer | inputs | result |", "|---|--:|---|"]
        lines += [f"| {r['fuzzer']} | {r['inputs']} | {r['result']}"
                  + (f" (`{r['replay']}`)" if r.get("replay") else "") + " |" for r in summary["stress_replay"]]
    if summary["canaries_missed"]:
        lines += ["", "## Canaries not found", "", *[f"- {c}" for c in summary["canaries_missed"]]]
    md = "\n".join(lines) + "\n"
    tmp = out / "summary.md.tmp"
    tmp.write_text(md)
    tmp.replace(out / "summary.md")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a") as f:
            f.write(md[:1_000_000])


def main() -> int:
    ap = argparse.ArgumentParser(description="contend nightly fuzz job (use ci/nightly.sh, which builds first)")
    ap.add_argument("--budget", type=float, default=10, help="fuzzing wall time in minutes, split evenly over all "
                    "fuzzer x engine runs (default 10); merge, triage and minimization come on top")
    ap.add_argument("--build", default=str(ROOT / "build" / "fuzz"), help="build directory of the fuzz preset")
    ap.add_argument("--out", help="output directory (default results/nightly/<UTC date>)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel fuzzer processes (default: CPUs)")
    ap.add_argument("--only", help="regex: run only fuzzers whose binary name matches")
    ap.add_argument("--seed", type=int, help="base seed for the engines (default: from the date; recorded)")
    ap.add_argument("--check-args", action="store_true", help="only validate the arguments (nightly.sh, before building)")
    a = ap.parse_args()
    if a.budget <= 0 or a.jobs < 1:
        print("nightly: error: --budget and --jobs must be positive (e.g. --budget 10 --jobs 2)", file=sys.stderr)
        return 2
    if a.only:
        try:
            re.compile(a.only)
        except re.error as e:
            print(f"nightly: error: --only '{a.only}' is not a regular expression: {e}", file=sys.stderr)
            return 2
    if a.check_args:
        return 0
    build = Path(a.build)
    if not (build / "contend-ctl").exists():
        print(f"nightly: error: {build}/contend-ctl is missing: build the fuzz preset first (ci/nightly.sh does)",
              file=sys.stderr)
        return 2
    t_start = time.monotonic()
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    nightly_root = ROOT / "results" / "nightly"
    out = Path(a.out) if a.out else nightly_root / today
    seed = a.seed if a.seed is not None else int(today.replace("-", ""))
    try:
        out.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="contend-nightly-"))
    except OSError as e:
        print(f"nightly: error: cannot create {out}: {e}", file=sys.stderr)
        return 4
    fuzzers = discover(build, a.only)
    if not fuzzers:
        print(f"nightly: error: no fuzzers under {build}/fuzzers/<engine>/ (match: {a.only})", file=sys.stderr)
        return 2
    jobs: list[Job] = []
    for engine, fzs in fuzzers.items():
        for fz in fzs:
            jobs.append(Job(fz, engine, build / "fuzzers" / engine / fz.name, work / engine / fz.name, 0))
    slot = max(MIN_SLOT_SECONDS, int(a.budget * 60 * a.jobs / len(jobs)))
    log(f"{len(jobs)} runs ({', '.join(f'{e}: {len(f)}' for e, f in fuzzers.items())}), {a.jobs} at a time, "
        f"{slot} s each, seed {seed}; output {out}")
    for job in jobs:
        job.seconds = slot
        start = job.work / ("corpus" if job.engine == "libfuzzer" else "in")
        copy_inputs(job.fuzzer.seeds(), start)
        copy_inputs(previous_corpus(nightly_root, out, job.fuzzer.name), start)
        if not any(start.iterdir()):
            (start / "empty").write_bytes(b"\0")
    t_fuzz = time.monotonic()
    run_jobs(jobs, a.jobs, seed)
    fuzz_seconds = round(time.monotonic() - t_fuzz)
    log("merging corpora")
    corpora = {}
    for name in sorted({j.fuzzer.name for j in jobs}):
        mine = [j for j in jobs if j.fuzzer.name == name]
        corpora[name] = merge_corpus(mine[0].fuzzer, mine, build, out / "corpora" / name)
    log("replaying the merged map corpora on real threads (fuzz_map_stress)")
    stress = [r for name in sorted(corpora) if (r := stress_replay(next(j.fuzzer for j in jobs if j.fuzzer.name == name),
                                                                     build, out / "corpora" / name))]
    log("triaging crashes")
    failures = triage(jobs, build, out)
    found = {(f["fuzzer"], e) for f in failures if f["reproducible"] for e in f["engines"]}
    missed = sorted(f"{j.fuzzer.name} ({j.engine})" for j in jobs if j.fuzzer.is_canary and (j.fuzzer.name, j.engine) not in found)
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    summary = {
        "schema": 1, "date": today, "budget_minutes": a.budget, "cpus": a.jobs, "seed": seed, "build": git,
        "slot_seconds": slot, "fuzz_seconds": fuzz_seconds, "total_seconds": round(time.monotonic() - t_start),
        "runs": [{"fuzzer": j.fuzzer.name, "engine": j.engine, "target": j.fuzzer.target, "canary": j.fuzzer.is_canary,
                  **j.stats, "corpus_inputs": len(corpus_files(j)), "crash_files": len(j.crashes)} for j in jobs],
        "corpora": corpora, "failures": failures, "canaries_missed": missed, "stress_replay": stress,
    }
    write_reports(out, summary)
    shutil.rmtree(work, ignore_errors=True)
    real = [f for f in failures if f["reproducible"] and not f["canary"]]
    log(f"done in {summary['total_seconds']} s: {len(failures)} unique failures "
        f"({len(real)} on real targets), {len(missed)} canary runs found nothing; {out}/summary.md")
    return 77 if real else 0


if __name__ == "__main__":
    sys.exit(main())
