#include "controlled/explore.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "controlled/schedule_artifact.h"
#include "report/environment.h"
#include "sched/determinism_check.h"
#include "sched/strategy_pct.h"
#include "sched/strategy_random.h"
#include "util/build_id.h"

namespace contend {

namespace {

// Strategy for execution i: every execution is seeded from (seed, i), so the i-th execution of a
// run is reproducible from the seed alone as well as from its recorded decisions.
class ExecutionStrategies {
 public:
  ExecutionStrategies(const ExploreOptions& o) {
    if (o.strategy == "random") random_ = std::make_unique<sched::RandomStrategy>(o.seed);
    else pct_ = std::make_unique<sched::PctStrategy>(o.seed, sched::PctOptions{.depth = o.depth});
  }
  sched::Strategy& at(uint64_t i) {
    if (random_) {
      random_->set_execution_index(i);
      return *random_;
    }
    pct_->set_execution_index(i);
    return *pct_;
  }

 private:
  std::unique_ptr<sched::RandomStrategy> random_;
  std::unique_ptr<sched::PctStrategy> pct_;
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Result<RunResult> explore(const MapTargetInfo& target, const MapMixSpec& spec, const ExploreOptions& opts,
                          const std::string& replay_prefix) {
  if (opts.strategy != "pct" && opts.strategy != "random") {
    return usage_error("unknown strategy '" + opts.strategy + "'", "use --strategy pct or --strategy random");
  }
  if (spec.ops_per_thread == 0) return usage_error("explore needs an op budget per thread", "pass --ops N");
  const Program program = make_program(spec);
  ControlledRunOptions ro;
  ro.exec.sync_points_only = opts.sync_only;
  ro.exec.livelock_yields = opts.livelock_yields;
  ControlledMapRunner runner(target, program, ro);
  ExecutionStrategies strategies(opts);

  const auto start = std::chrono::steady_clock::now();
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  double next_progress = 2.0;
  uint64_t executions = 0, points = 0, switches = 0;
  std::optional<ControlledRun> failure;
  for (uint64_t i = 0; i < opts.runs; ++i) {
    if (opts.duration_s > 0 && seconds_since(start) > opts.duration_s) break;
    ControlledRun r = runner.run(strategies.at(i));
    ++executions;
    points += r.exec.points;
    switches += r.exec.switches;
    if (r.outcome != Outcome::kOk) {
      r.exec.schedule.seed = opts.seed;
      failure = std::move(r);
      break;
    }
    if (opts.progress && seconds_since(start) >= next_progress) {
      std::fprintf(stderr, "%s[contend] explore %s: %llu executions, %.0f/s%s", tty ? "\r" : "", target.name.c_str(),
                   static_cast<unsigned long long>(executions), executions / seconds_since(start),
                   tty ? "\033[K" : "\n");
      next_progress += tty ? 1.0 : 10.0;
    }
  }
  if (opts.progress && tty && next_progress > 2.0) std::fputc('\n', stderr);
  const double secs = seconds_since(start);

  RunResult r;
  r.contend_version = contend_version();
  r.git_sha = git_sha();
  r.cpu_model = cpu_model();
  r.cores = cpu_cores();
  r.target = target.name;
  r.workload = "map-mix";
  r.params = to_json(spec);
  r.threads = spec.threads;
  r.seed = opts.seed;
  r.mode = "controlled";
  r.duration_s = secs;
  r.total_ops = executions * program.total_ops();
  r.throughput_ops_s = secs > 0 ? static_cast<double>(r.total_ops) / secs : 0;
  nlohmann::json c = {{"strategy", opts.strategy},
                      {"depth", opts.depth},
                      {"sync_points_only", opts.sync_only},
                      {"executions", executions},
                      {"executions_per_s", secs > 0 ? executions / secs : 0},
                      {"points_per_execution", executions ? static_cast<double>(points) / executions : 0},
                      {"switches_per_execution", executions ? static_cast<double>(switches) / executions : 0},
                      {"build_id", executable_build_id()},
                      {"failures", nlohmann::json::array()}};
  r.replay_command = replay_prefix;
  if (failure && opts.check_determinism) {
    const auto report = sched::check_determinism([&](sched::Strategy& st) { return runner.run(st).exec; },
                                                 failure->exec.schedule, 2, &failure->exec);
    c["determinism"] = report.deterministic ? "2 more replays identical" : report.divergence;
    if (!report.deterministic) {
      failure->detail = "replays of the failing schedule diverged (" + report.divergence + "); first run: " +
                        failure->detail;
      failure->outcome = Outcome::kNondeterministic;
    }
  }
  if (failure) {
    ScheduleArtifact a;
    a.build_id = executable_build_id();
    a.contend_version = contend_version();
    a.target = target.name;
    a.spec = spec;
    a.strategy = opts.strategy;
    a.seed = opts.seed;
    a.execution = executions - 1;
    a.schedule = sched::encode_token(failure->exec.schedule);
    a.outcome = failure->outcome;
    a.detail = failure->detail.substr(0, 600);
    auto path = write_schedule_artifact(opts.failures_dir, a);
    if (!path.ok()) return path.error();
    r.replay_command = "contend replay " + *path + " --trace";
    c["failures"].push_back({{"artifact", *path}, {"execution", a.execution}, {"outcome", outcome_name(a.outcome)},
                             {"detail", a.detail}, {"points", failure->exec.points},
                             {"switches", failure->exec.switches}});
    r.outcome = failure->outcome;
    r.outcome_detail = "execution " + std::to_string(a.execution) + ": " + failure->detail.substr(0, 300);
    r.signal = failure->exec.signal;
    r.violations = failure->violations;
    r.violations_total = failure->violations.size();
  }
  r.controlled = c;
  return r;
}

}  // namespace contend
