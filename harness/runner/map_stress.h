// Stress execution of the map-mix workload on real threads (no scheduler control): the body
// that runs inside the isolated child process. Workers are released together by a start
// barrier; each draws its operations from its own OpStream, times each one with the hot-path
// clock into its per-kind histogram in the arena, and checks the per-thread invariants.
// After join, the quiescent invariants run on the main thread.
#pragma once

#include "gen/map_mix.h"
#include "runner/stress_arena.h"
#include "targets/registry.h"

namespace contend {

// The first `history_ops` operations of each thread (0: none) are also recorded with their
// invoke/response stamps (a shared logical clock read right around the container call) and, after the run,
// checked for per-key linearizability and the iteration rules (check/map_history_check.h).
struct StressCheckOptions {
  std::size_t history_ops = 2000;
  uint32_t latency_sample_every = 8;  // time every N-th op per thread (1: every op)
  double checker_budget_s = 10;
};

// Runs the workload against a fresh instance of `target` and fills `arena`. `spec` must be
// valid and already adjusted to the target's contract (see contract_plan.h).
void run_map_stress(const MapTargetInfo& target, const MapMixSpec& spec, StressArena& arena,
                    const StressCheckOptions& check = {});

}  // namespace contend
