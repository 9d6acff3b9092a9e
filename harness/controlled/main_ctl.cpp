// contend-ctl: the controlled-scheduling build of contend. Its map targets are the same sources
// as contend's, compiled a second time with clang's thread instrumentation and linked against
// contend's scheduler runtime (harness/sched). `contend explore` and `contend replay` run this
// binary; it can also be called directly with the same arguments.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "controlled/clean_process.h"
#include "controlled/explore.h"
#include "controlled/minimize.h"
#include "controlled/pool_replay.h"
#include "controlled/replay.h"
#include "flags/options.h"
#include "gen/presets.h"
#include "report/console_reporter.h"
#include "runner/contract_plan.h"
#include "util/atomic_file.h"
#include "util/run_stamp.h"

namespace contend {
namespace {

int report(const Error& e) { return print_error(std::cerr, e); }

Result<MapMixSpec> explore_spec(const Options& o, bool preset_given) {
  auto spec = load_map_mix(o.workload, preset_given ? o.preset : "controlled");
  if (!spec.ok()) return spec.error();
  MapMixSpec s = *spec;
  if (o.threads) s.threads = o.threads;
  if (o.ops) s.ops_per_thread = o.ops;
  if (o.key_space) s.key_space = o.key_space;
  s.seed = o.seed;
  if (s.ops_per_thread == 0) s.ops_per_thread = 16;
  s.duration_s = 0;
  if (s.threads > 16 || s.ops_per_thread > 4096) {
    return usage_error("controlled scenarios are small: " + std::to_string(s.threads) + " threads x " +
                           std::to_string(s.ops_per_thread) + " ops is too large",
                       "use at most 16 threads and 4096 ops per thread (2 x 16 finds most bugs)");
  }
  if (auto st = validate(s); !st.ok()) return st.error();
  return s;
}

constexpr double kDefaultExploreSeconds = 10;

// The minimized scenario, its short trace and the replay command, as explore reports a failure.
void print_failure(std::ostream& out, const RunResult& r) {
  out << "   " << r.outcome_detail.substr(0, 400) << "\n";
  const auto& f = r.controlled["failures"][0];
  if (f.contains("minimized")) {
    const auto& m = f["minimized"];
    out << "   minimized in " << m["executions"] << " executions (" << static_cast<int>(m["seconds"].get<double>())
        << " s) from " << f["size"]["parallel_ops"] << " parallel and " << f["size"]["init_ops"] << " init ops, "
        << f["preemptions"] << " preemptions:\n";
  } else {
    out << "   scenario (not minimized):\n";
  }
  out << f["scenario_text"].get<std::string>();
  const std::string artifact = f["artifact"].get<std::string>();
  // Replayed in a forked child: the failure may have corrupted this process.
  const auto j = run_json_in_child([&] {
    ReplayOptions ro;
    ro.trace = true;
    std::ostringstream trace, err;
    (void)replay_artifact(artifact, ro, trace, err);
    return nlohmann::json{{"run", to_json(ControlledRun{})}, {"text", trace.str()}};
  });
  const std::string text = j.value("text", std::string());
  const auto at = text.find("\ninterleaving:\n");
  if (at != std::string::npos) {
    const std::string t = text.substr(at + 1, text.find("\noutcome:", at + 1) - at - 1);
    const auto lines = std::count(t.begin(), t.end(), '\n');
    if (lines <= 60) out << t;
    else out << "   (trace: " << lines << " lines; see the replay command)\n";
  }
  out << "   replay: " << r.replay_command << "\n";
}

int run_explore(const Options& o, bool preset_given) {
  if (o.workload != "map-mix") return report(usage_error("explore supports --workload map-mix"));
  auto spec = explore_spec(o, preset_given);
  if (!spec.ok()) return report(spec.error());
  const auto& reg = TargetRegistry::instance();
  std::vector<std::string> names;
  if (o.target == "all") names = reg.default_map_names();
  else names.push_back(o.target);
  ExitCode worst = ExitCode::kOk;
  int worst_sev = -1;
  const std::string stamp = run_stamp();
  for (const auto& name : names) {
    auto t = reg.lookup_map(name);
    if (!t.ok()) return report(t.error());
    // Like `run`: --out names a file for one target, a directory for several; by default
    // results/runs/<time>-<pid>/explore-<target>.json. Checked before any time is spent.
    std::string out = o.out;
    if (out.empty()) out = "results/runs/" + stamp + "/explore-" + name + ".json";
    else if (names.size() > 1 || out.back() == '/') out += "/explore-" + name + ".json";
    const std::string out_dir = std::filesystem::path(out).parent_path().string();
    if (auto st = check_writable_dir(out_dir.empty() ? "." : out_dir); !st.ok()) {
      return report(io_error("--out " + out + ": " + st.error().message, "pass a writable --out"));
    }
    auto plan = plan_for_contract(*spec, **t, /*controlled=*/true);  // never outside its contract
    if (!plan.ok()) return report(plan.error());
    for (const auto& n : plan->notes) std::cout << "   note: " << n << "\n";
    ExploreOptions eo;
    eo.strategy = o.strategy;
    eo.depth = o.depth;
    eo.runs = o.runs;
    eo.duration_s = o.duration;
    eo.scenarios = o.scenarios;
    if (o.runs == 0 && !(o.duration > 0) && o.scenarios == 0) eo.duration_s = kDefaultExploreSeconds;
    eo.interleavings = o.interleavings;
    eo.max_init = o.max_init;
    eo.generate_scenarios = !o.fixed_program;
    eo.minimize = !o.no_minimize;
    eo.fork_each = o.fork;
    eo.minimize_budget_s = o.minimize_budget;
    eo.seed = o.seed;
    eo.sync_only = o.sync_only;
    eo.livelock_yields = 2'000'000;
    eo.check_determinism = o.check_determinism;
    eo.failures_dir = o.failures_dir;
    std::string cmd = "contend explore --target " + name + " --strategy " + o.strategy + " --seed " +
                      std::to_string(o.seed) + " --threads " + std::to_string(spec->threads) + " --ops " +
                      std::to_string(spec->ops_per_thread) + " --key-space " + std::to_string(spec->key_space);
    if (o.fixed_program) cmd += " --fixed-program";
    auto r = explore(**t, plan->spec, eo, cmd);
    if (r.ok()) {
      for (const auto& n : r->notes) std::cout << "   note: " << n << "\n";
      r->notes.insert(r->notes.begin(), plan->notes.begin(), plan->notes.end());
    }
    if (!r.ok()) return report(r.error());
    const auto& c = r->controlled;
    std::cout << "== " << name << "  controlled " << c["strategy"].get<std::string>() << "  " << spec->threads << "x"
              << spec->ops_per_thread << " ops  seed=" << o.seed << "\n   " << c["scenarios"] << " scenarios, "
              << c["executions"] << " executions, "
              << static_cast<int>(c["executions_per_s"].get<double>()) << "/s, "
              << static_cast<int>(c["points_per_execution"].get<double>()) << " points and "
              << c["switches_per_execution"].get<double>() << " switches per execution\n   outcome: "
              << outcome_name(r->outcome) << "\n";
    // The result first: printing the trace replays the failure, which a target that corrupted
    // this process's heap could crash.
    if (auto st = write_result_file(out, *r); !st.ok()) return report(st.error());
    if (r->outcome != Outcome::kOk) print_failure(std::cout, *r);
    else std::cout << "   no failure found in this budget (not a proof: a longer --duration explores more scenarios)\n";
    std::cout << "   result: " << out << "\n";
    if (outcome_severity(r->outcome) > worst_sev) {
      worst_sev = outcome_severity(r->outcome);
      worst = exit_code_for(r->outcome);
    }
  }
  return to_int(worst);
}

}  // namespace
}  // namespace contend

int main(int argc, char** argv) {
  using namespace contend;
  Options o;
  std::string artifact;
  CLI::App app{"contend-ctl: controlled-scheduling runs of contend (explore, replay, minimize). Same exit codes as contend.",
               "contend"};
  app.require_subcommand(1);
  auto* ex = app.add_subcommand("explore",
                                "Generate scenarios (init, parallel and post parts, from --seed and the preset, default "
                                "'controlled') and run each under --interleavings interleavings; stop at the first "
                                "failure, minimize it and write its schedule artifact");
  add_flags(*ex, kCmdExplore, o);
  auto* rp = app.add_subcommand("replay",
                                "Re-execute a schedule artifact or a raw fuzzer input (crash file) exactly and report "
                                "the same outcome; prints the decoded scenario (and with --trace the interleaving)");
  add_flags(*rp, kCmdReplay, o);
  rp->add_option("artifact", artifact, "a .sched file written by explore, or a raw fuzzer input")->required();
  auto* mn = app.add_subcommand("minimize",
                                "Shrink a failing schedule artifact (-> X.min.sched) or raw fuzzer input (-> FILE.min): "
                                "fewer threads, operations, preemptions, while it fails the same way");
  add_flags(*mn, kCmdMinimize, o);
  mn->add_option("file", artifact, "a .sched artifact or a raw fuzzer input that fails")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "error: " << e.what() << "\nhint: run `contend <explore|replay> --help` to see every flag\n";
    return to_int(ExitCode::kUsage);
  }
  int rc = 0;
  try {
    if (ex->parsed()) {
      rc = run_explore(o, ex->count("--preset") > 0);
    } else if (const PoolTargetInfo* pool = pool_for_file(artifact, o.target); pool && mn->parsed()) {
      rc = print_error(std::cerr, usage_error("contend minimize shrinks map inputs; " + artifact + " is for pool " +
                                                  pool->name,
                                              "minimize it with the libFuzzer binary (executions are deterministic): "
                                              "build/release/fuzzers/libfuzzer/fuzz_pool_controlled_" + pool->name +
                                                  " -minimize_crash=1 -runs=10000 " + artifact));
    } else if (mn->parsed()) {
      rc = to_int(minimize_file(artifact, o.target, o.minimized_out, std::cout, std::cerr));
    } else if (pool) {
      ReplayOptions ro{.trace = o.trace || o.full_trace, .full_trace = o.full_trace, .check_determinism = o.check_determinism, .ignore_build_id = o.ignore_build_id};
      rc = to_int(replay_pool_file(artifact, *pool, ro, std::cout, std::cerr));
    } else {
      ReplayOptions ro{.trace = o.trace || o.full_trace, .full_trace = o.full_trace, .check_determinism = o.check_determinism, .ignore_build_id = o.ignore_build_id};
      rc = to_int(replay_file(artifact, o.target, ro, std::cout, std::cerr));
    }
  } catch (const std::exception& e) {
    std::cerr << "contend: internal error: " << e.what() << "\n";
    rc = to_int(ExitCode::kInternal);
  }
  // Everything is reported; exit without destructors. A canary that corrupted the heap (the
  // racy map's unlocked rehash) must not turn a reported violation into a segfault at exit.
  std::cout.flush();
  std::cerr.flush();
  std::_Exit(rc);
}
