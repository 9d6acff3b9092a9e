// explore: many controlled executions of one program on one target, each under a fresh
// interleaving from the strategy, stopping at the first failure, whose schedule is written as
// an artifact that `contend replay` re-executes exactly.
#pragma once

#include <optional>
#include <string>

#include "controlled/controlled_map_run.h"
#include "report/result.h"

namespace contend {

struct ExploreOptions {
  std::string strategy = "pct";  // pct | random
  uint32_t depth = 3;            // pct depth
  uint64_t runs = 10000;         // execution budget
  double duration_s = 0;         // time budget (0: none)
  uint64_t seed = 1;             // strategy seed; execution i uses a stream derived from (seed, i)
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

}  // namespace contend
