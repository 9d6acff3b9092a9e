// explore: many scenarios (gen/map_scenario.h: init, parallel and post parts), each under
// several fresh interleavings from the strategy, on one target, stopping at the first failure.
// The failure is minimized (controlled/minimize_scenario.h) and written with its schedule as an
// artifact that `contend replay` re-executes exactly. Scenario s is generated from (seed, s) and
// its k-th interleaving is seeded from (seed, s, k), so a run is reproducible from its flags.
#pragma once

#include <optional>
#include <string>

#include "controlled/controlled_map_run.h"
#include "gen/map_scenario.h"
#include "report/result.h"

namespace contend {

struct ExploreOptions {
  std::string strategy = "pct";  // pct | random
  uint32_t depth = 3;            // pct depth
  uint64_t runs = 10000;         // execution budget (0: none; then duration_s must be > 0)
  double duration_s = 0;         // time budget (0: none)
  uint64_t seed = 1;             // scenario s and its interleaving k derive from (seed, s, k)
  uint64_t scenarios = 0;        // scenario budget (0: none)
  uint32_t interleavings = 64;   // interleavings per scenario
  uint32_t max_init = 4096;      // largest init part generated (MapScenarioOptions::max_init)
  // false: one scenario, the spec's own parallel program (make_program) with no init or post
  // part, as the fixed presets describe it.
  bool generate_scenarios = true;
  bool minimize = true;          // minimize a failure before writing its artifact
  // Every execution in a forked child of a clean process (controlled/clean_process.h): slower,
  // for targets that carry state from one execution to the next. Also taken automatically,
  // from the failing scenario on, when a failure does not replay in a fresh process.
  bool fork_each = false;
  double minimize_budget_s = 30;
  bool sync_only = false;
  uint64_t livelock_yields = 20'000;  // see sched::ExecOptions
  bool progress = true;          // progress line on stderr every second after 2 s
  bool check_determinism = false; // replay a failing schedule twice more; divergence => kNondeterministic
  std::string failures_dir = "results/failures";
};

// Builds the controlled-mode RunResult (mode "controlled", `controlled` object with executions,
// executions/s, points and switches per execution, and the failure with its artifact).
Result<RunResult> explore(const MapTargetInfo& target, const MapMixSpec& spec, const ExploreOptions& opts,
                          const std::string& replay_prefix);

// {"threads", "parallel_ops", "init_ops", "post_ops"} of a scenario, as results report sizes.
nlohmann::json program_size_json(const Program& p);

}  // namespace contend
