// `contend run`: stress runs of one workload against one or more targets, each in its own
// child process, each written as a result JSON; exit code of the worst outcome.
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>

#include "driver/commands.h"
#include "gen/presets.h"
#include "report/console_reporter.h"
#include "runner/stress_run.h"
#include "runner/workload.h"
#include "targets/pool_registry.h"
#include "targets/registry.h"
#include "util/atomic_file.h"
#include "util/run_stamp.h"
#include "workloads/allocator.h"
#include "workloads/compare_shapes.h"

namespace contend {

int report_error(const Error& e) { return print_error(std::cerr, e); }

namespace {

Result<std::vector<const MapTargetInfo*>> resolve_targets(const std::string& list) {
  const auto& reg = TargetRegistry::instance();
  std::vector<const MapTargetInfo*> out;
  std::vector<std::string> names;
  if (list == "all") {
    names = reg.default_map_names();
  } else {
    std::stringstream ss(list);
    for (std::string n; std::getline(ss, n, ',');) {
      if (!n.empty()) names.push_back(n);
    }
  }
  if (names.empty()) return usage_error("--target is empty", "name a target, or 'all'");
  for (const auto& n : names) {
    auto t = reg.lookup_map(n);
    if (!t.ok()) return t.error();
    out.push_back(*t);
  }
  return out;
}

// Pool targets named by --target ('all': every non-canary pool).
Result<std::vector<std::string>> resolve_pools(const std::string& list) {
  const auto& reg = PoolRegistry::instance();
  if (list == "all") return reg.default_names();
  std::vector<std::string> names;
  std::stringstream ss(list);
  for (std::string n; std::getline(ss, n, ',');) {
    if (n.empty()) continue;
    if (auto p = reg.lookup(n); !p.ok()) return p.error();
    names.push_back(n);
  }
  if (names.empty()) return usage_error("--target is empty", "name a pool target, or 'all'");
  return names;
}

Result<MapMixSpec> resolve_spec(const Options& o) {
  auto spec = load_map_mix(o.workload, o.preset);
  if (!spec.ok()) return spec.error();
  MapMixSpec s = *spec;
  if (o.threads) s.threads = o.threads;
  if (o.key_space) s.key_space = o.key_space;
  if (o.seed) s.seed = o.seed;
  if (o.duration < 0) return usage_error("--duration " + std::to_string(o.duration) + " is negative");
  if (o.duration > 0) {
    s.ops_per_thread = 0;
    s.duration_s = o.duration;
  }
  if (o.ops) {
    s.ops_per_thread = o.ops;
    s.duration_s = 0;
  }
  if (auto st = validate(s); !st.ok()) return st.error();
  return s;
}


// Where each target's result goes: --out names a file for a single target, else a directory.
Result<std::vector<std::string>> output_paths(const Options& o, const std::vector<std::string>& targets) {
  namespace fs = std::filesystem;
  std::string dir = o.out;
  std::vector<std::string> paths;
  const bool single_file = targets.size() == 1 && !o.out.empty() && o.out.back() != '/' && !fs::is_directory(o.out);
  if (single_file) {
    paths.push_back(o.out);
    dir = fs::path(o.out).parent_path().string();
  } else {
    if (dir.empty()) dir = "results/runs/" + run_stamp();
    for (const auto& t : targets) paths.push_back((fs::path(dir) / (t + ".json")).string());
  }
  // Fail before running anything if the results cannot be written.
  if (dir.empty()) dir = ".";
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string probe = (fs::path(dir) / ".contend-write-probe").string();
  if (ec || !write_file_atomically(probe, "").ok()) {
    return io_error("cannot write results to '" + (o.out.empty() ? dir : o.out) + "'" +
                        (ec ? ": " + ec.message() : std::string()),
                    "pass --out with a path in a writable directory");
  }
  fs::remove(probe, ec);
  return paths;
}

StressOptions stress_options(const Options& o, const std::string& label, double duration_s) {
  StressOptions so;
  so.isolation.isolate = !o.no_fork;
  so.isolation.timeout_s = o.timeout > 0 ? o.timeout : (duration_s > 0 ? 60 + 3 * duration_s : 0);
  so.isolation.stall_timeout_s = o.stall_timeout;
  so.isolation.progress = true;
  so.isolation.label = label;
  so.rss_limit_mb = o.rss_limit_mb;
  so.check.history_ops = o.history_ops;
  so.check.latency_sample_every = o.latency_sample;
  so.check.checker_budget_s = o.budget_s;
  return so;
}

std::string replay_command(const Options& o, const MapTargetInfo& t, const MapMixSpec& s) {
  std::ostringstream c;
  c << "contend run --target " << t.name << " --workload " << o.workload << " --preset " << o.preset
    << " --threads " << s.threads << " --key-space " << s.key_space << " --seed " << s.seed;
  if (s.ops_per_thread) c << " --ops " << s.ops_per_thread;
  else c << " --duration " << s.duration_s;
  return c.str();
}

// Runs `run_one(i)` for each target i, writes and prints each result, stops after an interrupt,
// and returns the exit code of the worst outcome.
int run_each(const Options& o, const std::vector<std::string>& paths,
             const std::function<Result<RunResult>(std::size_t)>& run_one) {
  std::vector<RunResult> results;
  ExitCode worst = ExitCode::kOk;
  int worst_sev = -1;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto r = run_one(i);
    if (!r.ok()) return report_error(r.error());
    if (auto st = write_result_file(paths[i], *r); !st.ok()) return report_error(st.error());
    if (!o.quiet) {
      print_run_summary(std::cout, *r);
      // Workload-specific lines (retention, pool-churn, ticker/sessions, false-sharing).
      if (r->workload_metrics.contains("summary")) {
        for (const auto& line : r->workload_metrics["summary"]) std::cout << "   " << line.get<std::string>() << "\n";
      }
      std::cout << "   result: " << paths[i] << "\n\n";
    }
    if (outcome_severity(r->outcome) > worst_sev) {
      worst_sev = outcome_severity(r->outcome);
      worst = exit_code_for(r->outcome);
    }
    const bool interrupted = r->outcome == Outcome::kInterrupted;
    results.push_back(std::move(*r));
    if (interrupted) break;
  }
  if (results.size() > 1 || o.quiet) print_runs_table(std::cout, results);
  return to_int(worst);
}

int run_map_mix(const Options& o) {
  auto targets = resolve_targets(o.target);
  if (!targets.ok()) return report_error(targets.error());
  auto spec = resolve_spec(o);
  if (!spec.ok()) return report_error(spec.error());
  std::vector<std::string> names;
  for (const auto* t : *targets) names.push_back(t->name);
  auto paths = output_paths(o, names);
  if (!paths.ok()) return report_error(paths.error());
  return run_each(o, *paths, [&](std::size_t i) {
    const MapTargetInfo& t = *(*targets)[i];
    StressOptions so = stress_options(o, t.name, spec->duration_s);
    so.replay_command = replay_command(o, t, *spec);
    auto r = run_stress(t, *spec, so);
    if (r.ok()) r->allocator = std::string(workloads::allocator_name(workloads::active_allocator()));
    return r;
  });
}

// A registered (non map-mix) workload, on each target of its kind.
int run_registered_workload(const Options& o, const WorkloadInfo& w) {
  auto doc = load_preset(o.workload, o.preset);
  if (!doc.ok()) return report_error(doc.error());
  // Target names of the workload's kind; a preset with "target_independent": true (e.g.
  // false-sharing) runs once, named by its "target_name".
  std::vector<std::string> names;
  if (doc->json.value("target_independent", false)) {
    names.push_back(doc->json.value("target_name", w.name));
  } else if (w.target_kind == TargetKind::kPool) {
    auto pools = resolve_pools(o.target);
    if (!pools.ok()) return report_error(pools.error());
    names = *pools;
  } else {
    auto targets = resolve_targets(o.target);
    if (!targets.ok()) return report_error(targets.error());
    for (const auto* t : *targets) names.push_back(t->name);
  }
  auto paths = output_paths(o, names);
  if (!paths.ok()) return report_error(paths.error());
  return run_each(o, *paths, [&](std::size_t i) {
    WorkloadRequest req;
    req.target = names[i];
    req.preset_name = doc->name;
    req.preset = doc->json;
    req.threads = o.threads;
    req.ops = o.ops;
    req.duration_s = o.duration;
    req.seed = o.seed;
    req.stress = stress_options(o, req.target, o.duration);
    req.stress.replay_command = "contend run --target " + req.target + " --workload " + o.workload +
                                " --preset " + o.preset + " --seed " + std::to_string(o.seed);
    return w.run(req);
  });
}

}  // namespace

int cmd_run(const Options& o) {
  // --allocator: the forked children inherit the allocator, so it must serve this process from
  // its start: re-exec with LD_PRELOAD (does not return) unless it already does.
  auto alloc = workloads::parse_allocator(o.allocator);
  if (!alloc.ok()) return report_error(alloc.error());
  if (auto st = workloads::ensure_allocator(*alloc); !st.ok()) return report_error(st.error());
  if (o.workload == "map-mix") return run_map_mix(o);
  if (const auto* w = WorkloadRegistry::instance().find(o.workload)) return run_registered_workload(o, *w);
  auto doc = load_preset(o.workload, o.preset);  // unknown names get the "did you mean" error
  if (!doc.ok()) return report_error(doc.error());
  return report_error(usage_error("workload '" + o.workload + "' has presets but no runner in this build"));
}

}  // namespace contend

namespace contend {

int cmd_compare_shapes(const std::vector<std::string>& files) {
  auto a = read_result_file(files.at(0));
  if (!a.ok()) return report_error(a.error());
  auto b = read_result_file(files.at(1));
  if (!b.ok()) return report_error(b.error());
  workloads::print_shape_comparison(std::cout, *a, *b);
  return 0;
}

}  // namespace contend
