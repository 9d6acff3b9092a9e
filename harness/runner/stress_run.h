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

// Shared by every workload that builds a RunResult from shared-memory measurements.
// Percentiles of a tick histogram, converted to ns.
LatencySummary summarize(const metrics::LatencyHistogram& h, double ns_per_tick);
// RSS figures and a thinned series (at most RssResult::kMaxSeries points) from a sample buffer.
RssResult rss_result(const metrics::RssSampleBuffer& buf);
// contend_version, git_sha, cpu_model, cores and clock_source (calibrates the clock if needed).
void fill_environment(RunResult& r);
// Copies the child's outcome into `r`; violations found turn an ok outcome into `violation`.
void finish_outcome(RunResult& r, const ChildStatus& status);

}  // namespace contend
