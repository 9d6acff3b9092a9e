// run_stress: one stress run of the map-mix workload on one target, end to end: contract plan,
// shared arena, isolated child (RSS sampler + workers + invariants), and the RunResult built
// from whatever the child measured, however it ended.
#pragma once

#include <string>

#include "gen/map_mix.h"
#include "report/result.h"
#include "runner/isolated_run.h"
#include "runner/map_stress.h"
#include "targets/registry.h"

namespace contend {

struct StressOptions {
  IsolationOptions isolation;
  uint64_t rss_limit_mb = 0;        // 0 = no limit
  uint64_t rss_interval_ms = 50;    // RSS sampling interval
  std::string replay_command;       // echoed into the result
  StressCheckOptions check;         // history recording and linearizability checking
};

Result<RunResult> run_stress(const MapTargetInfo& target, const MapMixSpec& spec, const StressOptions& opts);

}  // namespace contend
