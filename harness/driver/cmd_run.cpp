// `contend run`: stress runs of one workload against one or more targets, each in its own
// child process, each written as a result JSON; exit code of the worst outcome.
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "driver/commands.h"
#include "gen/presets.h"
#include "report/console_reporter.h"
#include "runner/stress_run.h"
#include "targets/registry.h"
#include "util/atomic_file.h"

namespace contend {

int report_error(const Error& e) {
  std::cerr << "error: " << e.message << "\n";
  if (!e.hint.empty()) std::cerr << "hint: " << e.hint << "\n";
  return to_int(e.code);
}

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

std::string timestamp() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&t));
  return buf;
}

// Where each target's result goes: --out names a file for a single target, else a directory.
Result<std::vector<std::string>> output_paths(const Options& o, const std::vector<const MapTargetInfo*>& targets) {
  namespace fs = std::filesystem;
  std::string dir = o.out;
  std::vector<std::string> paths;
  const bool single_file = targets.size() == 1 && !o.out.empty() && o.out.back() != '/' && !fs::is_directory(o.out);
  if (single_file) {
    paths.push_back(o.out);
    dir = fs::path(o.out).parent_path().string();
  } else {
    if (dir.empty()) dir = "results/runs/" + timestamp();
    for (const auto* t : targets) paths.push_back((fs::path(dir) / (t->name + ".json")).string());
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

std::string replay_command(const Options& o, const MapTargetInfo& t, const MapMixSpec& s) {
  std::ostringstream c;
  c << "contend run --target " << t.name << " --workload " << o.workload << " --preset " << o.preset
    << " --threads " << s.threads << " --key-space " << s.key_space << " --seed " << s.seed;
  if (s.ops_per_thread) c << " --ops " << s.ops_per_thread;
  else c << " --duration " << s.duration_s;
  return c.str();
}

}  // namespace

int cmd_run(const Options& o) {
  auto targets = resolve_targets(o.target);
  if (!targets.ok()) return report_error(targets.error());
  auto spec = resolve_spec(o);
  if (!spec.ok()) return report_error(spec.error());
  auto paths = output_paths(o, *targets);
  if (!paths.ok()) return report_error(paths.error());

  std::vector<RunResult> results;
  ExitCode worst = ExitCode::kOk;
  int worst_sev = -1;
  for (std::size_t i = 0; i < targets->size(); ++i) {
    const MapTargetInfo& t = *(*targets)[i];
    StressOptions so;
    so.isolation.isolate = !o.no_fork;
    so.isolation.timeout_s = o.timeout > 0 ? o.timeout : (spec->duration_s > 0 ? 60 + 3 * spec->duration_s : 0);
    so.isolation.stall_timeout_s = o.stall_timeout;
    so.isolation.progress = true;
    so.isolation.label = t.name;
    so.rss_limit_mb = o.rss_limit_mb;
    so.replay_command = replay_command(o, t, *spec);
    so.check.history_ops = o.history_ops;
    so.check.checker_budget_s = o.budget_s;
    auto r = run_stress(t, *spec, so);
    if (!r.ok()) return report_error(r.error());
    if (auto st = write_result_file((*paths)[i], *r); !st.ok()) return report_error(st.error());
    if (!o.quiet) {
      print_run_summary(std::cout, *r);
      std::cout << "   result: " << (*paths)[i] << "\n\n";
    }
    if (outcome_severity(r->outcome) > worst_sev) {
      worst_sev = outcome_severity(r->outcome);
      worst = exit_code_for(r->outcome);
    }
    if (r->outcome == Outcome::kInterrupted) break;
    results.push_back(std::move(*r));
  }
  if (results.size() > 1 || o.quiet) print_runs_table(std::cout, results);
  return to_int(worst);
}

}  // namespace contend
