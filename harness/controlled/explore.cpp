#include "controlled/explore.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "controlled/clean_process.h"
#include "controlled/crash_signature.h"
#include "controlled/minimize_scenario.h"
#include "controlled/schedule_artifact.h"
#include "report/environment.h"
#include "sched/determinism_check.h"
#include "sched/strategy_pct.h"
#include "sched/strategy_random.h"
#include "sched/strategy_replay.h"
#include "util/atomic_file.h"
#include "util/build_id.h"

namespace contend {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Strategy for interleaving k of scenario s: seeded from (seed, s) and execution index k, so
// every execution of a run is reproducible from the seed alone as well as from its decisions.
class ExecutionStrategies {
 public:
  explicit ExecutionStrategies(const ExploreOptions& o) : o_(o) {}
  void begin_scenario(uint64_t s) {
    const uint64_t seed = s == 0 ? o_.seed : derive_seed(o_.seed, s);
    if (o_.strategy == "random") random_ = std::make_unique<sched::RandomStrategy>(seed);
    else pct_ = std::make_unique<sched::PctStrategy>(seed, sched::PctOptions{.depth = o_.depth});
  }
  sched::Strategy& at(uint64_t k) {
    if (random_) {
      random_->set_execution_index(k);
      return *random_;
    }
    pct_->set_execution_index(k);
    return *pct_;
  }

 private:
  const ExploreOptions& o_;
  std::unique_ptr<sched::RandomStrategy> random_;
  std::unique_ptr<sched::PctStrategy> pct_;
};

ControlledRunOptions run_options(const ExploreOptions& o) {
  ControlledRunOptions ro;
  ro.exec.sync_points_only = o.sync_only;
  ro.exec.livelock_yields = o.livelock_yields;
  return ro;
}

struct Found {
  Program program;
  ControlledRun run;
  uint64_t scenario = 0, interleaving = 0;
};

// What one search (the scenario x interleaving loop) did.
struct Search {
  uint64_t executions = 0, points = 0, switches = 0, scenarios = 0, program_ops = 0;
  uint64_t skipped = 0;        // scenarios whose init part ran into the step limit
  uint32_t max_init = 0;       // the init size limit the search ended with
  std::optional<Found> failure;
};

constexpr std::size_t kSmallInit = 16;
constexpr uint32_t kMaxInit = 1 << 15;  // below kMaxArtifactSequentialOps with room for post

// Scenarios first_scenario, first_scenario + 1, ... until a failure or the budget (counted from
// `start`, with `prior` executions already spent) runs out.
Search search(const MapTargetInfo& target, const MapMixSpec& spec, const ExploreOptions& opts,
              uint64_t first_scenario, Clock::time_point start, uint64_t prior) {
  const ControlledRunOptions ro = run_options(opts);
  ExecutionStrategies strategies(opts);
  MapScenarioOptions scenario_opts;
  scenario_opts.post_iterate = target.contract.cheap_iteration;
  scenario_opts.max_init = opts.max_init;
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  double next_progress = seconds_since(start) + 2.0;
  Search st;
  const auto budget_left = [&] {
    if (opts.runs > 0 && prior + st.executions >= opts.runs) return false;
    return !(opts.duration_s > 0 && seconds_since(start) > opts.duration_s);
  };
  for (uint64_t s = first_scenario; !st.failure && budget_left() && (opts.scenarios == 0 || s < opts.scenarios); ++s) {
    const Program program = opts.generate_scenarios ? generate_map_scenario(spec, s, scenario_opts) : make_program(spec);
    ++st.scenarios;
    ControlledMapRunner runner(target, program, ro);
    strategies.begin_scenario(s);
    const uint64_t per_scenario = opts.generate_scenarios ? opts.interleavings : UINT64_MAX;
    for (uint64_t k = 0; k < per_scenario && budget_left(); ++k) {
      sched::Strategy& strategy = strategies.at(k);
      ControlledRun r = opts.fork_each ? run_in_child([&] { return runner.run(strategy); }) : runner.run(strategy);
      ++st.executions;
      st.points += r.exec.points;
      st.switches += r.exec.switches;
      st.program_ops += program.total_ops();
      // An init part too costly for a controlled execution: skip the scenario and keep later init
      // parts below half its size. Only a small one (kSmallInit ops) that still runs into the
      // step limit is reported: that is a hang, not a cost.
      if (r.init_step_limit && program.init.size() > kSmallInit) {
        ++st.skipped;
        scenario_opts.max_init = static_cast<uint32_t>(std::max<std::size_t>(kSmallInit, program.init.size() / 2));
        break;
      }
      if (r.outcome != Outcome::kOk) {
        r.exec.schedule.seed = opts.seed;
        st.failure = Found{program, std::move(r), s, k};
        break;
      }
      if (opts.progress && seconds_since(start) >= next_progress) {
        std::fprintf(stderr, "%s[contend] explore %s: %llu scenarios, %llu executions, %.0f/s%s", tty ? "\r" : "",
                     target.name.c_str(), static_cast<unsigned long long>(s + 1),
                     static_cast<unsigned long long>(prior + st.executions),
                     (prior + st.executions) / seconds_since(start), tty ? "\033[K" : "\n");
        next_progress += tty ? 1.0 : 10.0;
      }
    }
  }
  if (opts.progress && tty && next_progress > 2.0) std::fputc('\n', stderr);
  st.max_init = scenario_opts.max_init;
  return st;
}

ScheduleArtifact artifact_of(const MapTargetInfo& target, const ExploreOptions& opts, const Found& f,
                             uint64_t execution) {
  ScheduleArtifact a;
  a.build_id = executable_build_id();
  a.contend_version = contend_version();
  a.target = target.name;
  a.spec = f.program.spec;
  a.program = f.program;
  a.strategy = opts.strategy;
  a.seed = opts.seed;
  a.scenario = f.scenario;
  a.interleaving = f.interleaving;
  a.execution = execution;
  a.schedule = sched::encode_token(f.run.exec.schedule);
  a.outcome = f.run.outcome;
  a.detail = f.run.detail.substr(0, 600);
  return a;
}

nlohmann::json options_json(const ExploreOptions& o) {
  return {{"strategy", o.strategy}, {"depth", o.depth},           {"runs", o.runs},
          {"duration_s", o.duration_s}, {"seed", o.seed},         {"scenarios", o.scenarios},
          {"interleavings", o.interleavings}, {"generate_scenarios", o.generate_scenarios}, {"max_init", o.max_init},
          {"sync_only", o.sync_only}, {"livelock_yields", o.livelock_yields},
          {"minimize_budget_s", o.minimize_budget_s}};
}

ExploreOptions options_from_json(const nlohmann::json& j) {
  ExploreOptions o;
  o.strategy = j.at("strategy").get<std::string>();
  o.depth = j.at("depth").get<uint32_t>();
  o.runs = j.at("runs").get<uint64_t>();
  o.duration_s = j.at("duration_s").get<double>();
  o.seed = j.at("seed").get<uint64_t>();
  o.scenarios = j.at("scenarios").get<uint64_t>();
  o.interleavings = j.at("interleavings").get<uint32_t>();
  o.generate_scenarios = j.at("generate_scenarios").get<bool>();
  o.max_init = j.at("max_init").get<uint32_t>();
  o.sync_only = j.at("sync_only").get<bool>();
  o.livelock_yields = j.at("livelock_yields").get<uint64_t>();
  o.minimize_budget_s = j.at("minimize_budget_s").get<double>();
  o.progress = false;
  return o;
}

// Jobs of the clean worker (controlled/clean_process.h), which was forked before the first
// execution and forks again per execution, so what it sees is what a fresh `contend replay`
// process would see:
//   replay    {"artifact", "kind", "minimize", "options"}: does the failure replay from a fresh
//             state? If so (and asked), minimize it; replies the minimized artifact.
//   search    {"target", "spec", "options", "first_scenario"}: the search again, each execution
//             in a fresh child (fork-per-execution), for a target that carries state across
//             executions; replies the artifact of its failure, if any.
nlohmann::json serve_job(const nlohmann::json& job) {
  const std::string type = job.at("type").get<std::string>();
  ExploreOptions opts = options_from_json(job.at("options"));
  opts.fork_each = true;
  if (type == "search") {
    const auto* target = TargetRegistry::instance().find_map(job.at("target").get<std::string>());
    if (!target) return {{"error", "unknown target"}};
    MapMixSpec spec;
    if (auto st = apply_json(job.at("spec"), spec, "job"); !st.ok()) return {{"error", st.error().message}};
    const Search st = search(*target, spec, opts, job.at("first_scenario").get<uint64_t>(), Clock::now(), 0);
    nlohmann::json reply = {{"executions", st.executions}, {"scenarios", st.scenarios}, {"points", st.points},
                            {"switches", st.switches}, {"found", st.failure.has_value()}};
    if (st.failure) {
      reply["artifact"] = to_json(artifact_of(*target, opts, *st.failure, st.executions - 1));
      reply["run"] = to_json(st.failure->run);
    }
    return reply;
  }
  auto a = schedule_artifact_from_json(job.at("artifact"), "job");
  if (!a.ok()) return {{"error", a.error().message}};
  const auto* target = TargetRegistry::instance().find_map(a->target);
  auto schedule = sched::decode_token(a->schedule);
  if (!target || !schedule.ok()) return {{"error", "unreplayable artifact"}};
  const std::string kind = job.at("kind").get<std::string>();
  const ControlledRunOptions ro = run_options(opts);
  ControlledMapRunner runner(*target, a->program, ro);
  sched::ReplayStrategy replay(*schedule);
  const ControlledRun fresh = run_in_child([&] { return runner.run(replay); });
  if (fresh.outcome == Outcome::kOk || failure_kind(fresh) != kind) {
    return {{"replayed", false}, {"run", to_json(fresh)}};
  }
  if (!job.at("minimize").get<bool>()) return {{"replayed", true}, {"minimized", false}};
  ScenarioMinimizeOptions mo;
  mo.budget_s = opts.minimize_budget_s;
  mo.seed = opts.seed;
  mo.depth = opts.depth;
  mo.run = ro;
  mo.fork_each = true;
  const auto m = minimize_scenario(*target, a->program, *schedule, kind, mo);
  if (!m.failed) return {{"replayed", true}, {"minimized", false}};
  const ScheduleArtifact min = minimized_artifact(*a, m);
  return {{"replayed", true},        {"minimized", true},           {"artifact", to_json(min)},
          {"run", to_json(m.run)},   {"executions", m.executions},  {"budget_spent", m.budget_spent}};
}

}  // namespace

nlohmann::json program_size_json(const Program& p) {
  return {{"threads", p.threads()}, {"parallel_ops", p.parallel_ops()}, {"init_ops", p.init.size()},
          {"post_ops", p.post.size()}};
}

Result<RunResult> explore(const MapTargetInfo& target, const MapMixSpec& spec, const ExploreOptions& opts,
                          const std::string& replay_prefix) {
  if (opts.strategy != "pct" && opts.strategy != "random") {
    return usage_error("unknown strategy '" + opts.strategy + "'", "use --strategy pct or --strategy random");
  }
  if (spec.ops_per_thread == 0) return usage_error("explore needs an op budget per thread", "pass --ops N");
  if (opts.runs == 0 && !(opts.duration_s > 0) && opts.scenarios == 0) {
    return usage_error("explore has no budget", "pass --runs N, --duration S or --scenarios N");
  }
  if (opts.interleavings == 0) return usage_error("--interleavings 0: each scenario needs at least 1 interleaving");
  if (opts.max_init > kMaxInit) {
    return usage_error("--max-init " + std::to_string(opts.max_init) + " is too large",
                       "use at most " + std::to_string(kMaxInit) + " (an artifact stores the whole init part)");
  }
  if (opts.depth == 0 || opts.depth > 64) {
    return usage_error("--depth " + std::to_string(opts.depth) + " is out of range", "use 1..64 (3 finds most bugs)");
  }
  if (!(opts.minimize_budget_s >= 0) || opts.minimize_budget_s > 86400) {
    return usage_error("--minimize-budget " + std::to_string(opts.minimize_budget_s) + " is out of range",
                       "use 0..86400 seconds");
  }
  if (!(opts.duration_s >= 0) || opts.duration_s > 7 * 86400) {
    return usage_error("--duration " + std::to_string(opts.duration_s) + " is out of range", "use 0..604800 seconds");
  }
  // The failures directory must take an artifact before any time is spent finding one.
  if (auto st = check_writable_dir(opts.failures_dir); !st.ok()) return st.error();
  // Forked before the first execution: the clean state every failure is re-checked from.
  std::unique_ptr<CleanWorker> worker = CleanWorker::start(serve_job);

  const auto start = Clock::now();
  Search st = search(target, spec, opts, 0, start, 0);
  std::vector<std::string> notes;
  nlohmann::json fresh_replay = nullptr;
  // A failure is re-checked from the clean state: one that does not replay there came from state
  // the target carried over from earlier executions; the search then goes on from that scenario
  // with a fresh process per execution, where what fails also replays.
  if (st.failure && worker && !opts.fork_each && st.failure->run.outcome != Outcome::kNondeterministic) {
    auto reply = worker->call({{"type", "replay"},
                               {"artifact", to_json(artifact_of(target, opts, *st.failure, st.executions - 1))},
                               {"kind", failure_kind(st.failure->run)},
                               {"minimize", false},
                               {"options", options_json(opts)}},
                              120);
    if (reply.ok() && !(*reply)["replayed"].get<bool>()) {
      const ControlledRun fresh = controlled_run_from_json((*reply)["run"]);
      fresh_replay = {{"found_in_process", failure_kind(st.failure->run)},
                      {"fresh_process", fresh.outcome == Outcome::kOk ? "ok" : failure_kind(fresh)}};
      notes.push_back(
          "scenario " + std::to_string(st.failure->scenario) + ", interleaving " +
          std::to_string(st.failure->interleaving) + " failed (" + failure_kind(st.failure->run) +
          ") in this process but ended '" + std::string(outcome_name(fresh.outcome)) +
          "' when replayed in a fresh process: the target carries state from one execution to the next "
          "(thread_local caches or slot indices, function-local statics, global counters). Exploring on from that "
          "scenario with a fresh process per execution (--fork), where a failure replays");
      ExploreOptions forked = opts;
      forked.runs = opts.runs > st.executions ? opts.runs - st.executions : (opts.runs ? 1 : 0);
      forked.duration_s = opts.duration_s > 0 ? std::max(1.0, opts.duration_s - seconds_since(start)) : 0;
      auto again = worker->call({{"type", "search"},
                                 {"target", target.name},
                                 {"spec", [&] {
                                    auto j = to_json(spec);
                                    j.erase("preset");
                                    return j;
                                  }()},
                                 {"options", options_json(forked)},
                                 {"first_scenario", st.failure->scenario}},
                                forked.duration_s + 600);
      st.failure.reset();
      if (again.ok()) {
        st.executions += (*again)["executions"].get<uint64_t>();
        st.points += (*again)["points"].get<uint64_t>();
        st.switches += (*again)["switches"].get<uint64_t>();
        st.scenarios += (*again)["scenarios"].get<uint64_t>();
        if ((*again)["found"].get<bool>()) {
          auto a = schedule_artifact_from_json((*again)["artifact"], "fork search");
          if (a.ok()) {
            Found f{a->program, controlled_run_from_json((*again)["run"]), a->scenario, a->interleaving};
            f.run.exec.schedule = *sched::decode_token(a->schedule);
            st.failure = std::move(f);
          }
        }
      } else {
        notes.push_back("the fork-per-execution search failed: " + again.error().message);
      }
    }
  }
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
  r.total_ops = st.program_ops;
  r.throughput_ops_s = secs > 0 ? static_cast<double>(r.total_ops) / secs : 0;
  r.notes = notes;
  nlohmann::json c = {{"strategy", opts.strategy},
                      {"depth", opts.depth},
                      {"sync_points_only", opts.sync_only},
                      {"fork_per_execution", opts.fork_each || !fresh_replay.is_null()},
                      {"scenarios", st.scenarios},
                      {"interleavings_per_scenario", opts.generate_scenarios ? opts.interleavings : 0},
                      {"max_init", st.max_init},
                      {"skipped_scenarios", st.skipped},
                      {"executions", st.executions},
                      {"executions_per_s", secs > 0 ? st.executions / secs : 0},
                      {"points_per_execution", st.executions ? static_cast<double>(st.points) / st.executions : 0},
                      {"switches_per_execution", st.executions ? static_cast<double>(st.switches) / st.executions : 0},
                      {"build_id", executable_build_id()},
                      {"failures", nlohmann::json::array()}};
  if (!fresh_replay.is_null()) c["carried_state"] = fresh_replay;
  r.replay_command = replay_prefix;
  if (!st.failure) {
    r.controlled = c;
    return r;
  }
  Found& f = *st.failure;
  ControlledRun& run = f.run;
  if (opts.check_determinism && !opts.fork_each && fresh_replay.is_null()) {
    ControlledMapRunner runner(target, f.program, run_options(opts));
    const auto report = sched::check_determinism([&](sched::Strategy& s) { return runner.run(s).exec; },
                                                 run.exec.schedule, 2, &run.exec);
    c["determinism"] = report.deterministic ? "2 more replays identical" : report.divergence;
    if (!report.deterministic) {
      run.detail = "replays of the failing schedule diverged (" + report.divergence + "); first run: " + run.detail;
      run.outcome = Outcome::kNondeterministic;
    }
  }
  ScheduleArtifact a = artifact_of(target, opts, f, st.executions - 1);
  nlohmann::json found = {{"scenario", f.scenario}, {"interleaving", f.interleaving},
                          {"execution", a.execution}, {"outcome", outcome_name(run.outcome)},
                          {"detail", a.detail}, {"points", run.exec.points}, {"switches", run.exec.switches},
                          {"preemptions", run.exec.preemptions}, {"size", program_size_json(f.program)}};
  if (opts.minimize && worker && run.outcome != Outcome::kNondeterministic) {
    const auto m0 = Clock::now();
    auto reply = worker->call({{"type", "replay"}, {"artifact", to_json(a)}, {"kind", failure_kind(run)},
                               {"minimize", true}, {"options", options_json(opts)}},
                              opts.minimize_budget_s + 120);
    if (!reply.ok()) {
      found["minimize_error"] = reply.error().message;
    } else if ((*reply)["minimized"].get<bool>()) {
      auto min = schedule_artifact_from_json((*reply)["artifact"], "minimized");
      if (min.ok()) {
        a = *min;
        run = controlled_run_from_json((*reply)["run"]);
        found["minimized"] = {{"size", program_size_json(a.program)}, {"preemptions", run.exec.preemptions},
                              {"executions", (*reply)["executions"]}, {"seconds", seconds_since(m0)},
                              {"budget_spent", (*reply)["budget_spent"]}};
      }
    } else if (!(*reply)["replayed"].get<bool>()) {
      found["minimize_error"] = "the failure did not replay in a fresh process";
    }
  }
  worker.reset();
  auto path = write_schedule_artifact(opts.failures_dir, a);
  if (!path.ok()) return path.error();
  r.replay_command = "contend replay " + *path + " --trace";
  found["artifact"] = *path;
  found["scenario_text"] = describe_program(a.program);
  c["failures"].push_back(found);
  r.outcome = run.outcome;
  r.outcome_detail = "scenario " + std::to_string(f.scenario) + ", interleaving " + std::to_string(f.interleaving) +
                     ": " + run.detail.substr(0, 300);
  r.signal = run.exec.signal;
  r.violations = run.violations;
  r.violations_total = run.violations.size();
  r.controlled = c;
  return r;
}

}  // namespace contend
