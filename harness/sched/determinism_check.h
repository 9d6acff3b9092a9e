// Determinism self-check (Relacy RL_VERIFY(res == res2), Shuttle's uncontrolled-nondeterminism
// check): replays one recorded schedule several times and reports the first divergence in
// outcome, trace hash, point count, switch count or replay faithfulness.
#pragma once

#include <functional>
#include <string>

#include "sched/executor.h"
#include "sched/schedule.h"
#include "sched/strategy.h"

namespace contend::sched {

struct DeterminismReport {
  bool deterministic = true;
  int runs = 0;            // replays performed
  uint64_t trace_hash = 0; // hash every replay agreed on (of the first replay otherwise)
  std::string divergence;  // what differed, for the first divergent replay
};

// run_once must build fresh state, call run_controlled(bodies, strategy, opts) with the given
// strategy, and return its result. `expected` (if given) is the recording's own result.
DeterminismReport check_determinism(const std::function<ExecResult(Strategy&)>& run_once,
                                    const Schedule& schedule, int replays,
                                    const ExecResult* expected = nullptr);

}  // namespace contend::sched
