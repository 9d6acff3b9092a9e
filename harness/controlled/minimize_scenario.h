// minimize_scenario: shrinks a failing (Program, Schedule) pair from explore or a schedule
// artifact while the failure keeps its kind (failure_kind: outcome + first violation kind).
// Greedy passes, repeated until nothing shrinks or the budget is spent:
//   init         drop chunks of the init part, halving the chunk size down to 1/64 of the part
//                (first: a smaller init part makes every later candidate cheaper)
//   threads      drop a whole thread (decisions that picked it dropped, later ids renumbered)
//   parallel     drop single operations, last first
//   hoist/sink   move a thread's first operation to the end of init, its last to the start of post
//                (no fewer operations, but fewer that run concurrently)
//   post         drop single post operations
//   preemptions  the shortest failing prefix of the decisions, then each remaining preemption
//                removed on its own (its decision runs to the next block or finish)
// A candidate is tried first under the current decisions (replayed leniently: past a divergence
// the replay runs without preemptions); if that no longer fails, under `search` fresh
// interleavings (PCT depth 2, then depth `depth`, then random: fewer preemptions first, seeded
// from opts.seed), and it is kept with the decisions of the execution that failed. With
// fork_each each candidate is tested in its own forked child. Every run is deterministic, so the result is a pure function of the
// input and the options, and its schedule replays exactly (it is a recorded one, not an edit).
#pragma once

#include <cstdint>
#include <string>

#include "controlled/controlled_map_run.h"
#include "controlled/schedule_artifact.h"
#include "sched/schedule.h"

namespace contend {

struct ScenarioMinimizeOptions {
  double budget_s = 30;     // wall-clock cap; the best result so far is returned when it is spent
  uint32_t search = 48;     // fresh interleavings per candidate that the current decisions miss
  uint64_t seed = 1;        // of those interleavings
  uint32_t depth = 3;       // PCT depth of the search
  ControlledRunOptions run;
  bool fork_each = false;   // every candidate in a forked child (controlled/clean_process.h)
};

struct ScenarioMinimizeResult {
  bool failed = false;      // the input failed as `kind` at all
  std::string kind;
  Program program;
  sched::Schedule schedule;
  ControlledRun run;        // the minimized failing execution
  uint64_t executions = 0;  // candidate executions
  bool budget_spent = false;
};

// `a` with the minimized scenario and schedule of `m` (m.failed must hold).
ScheduleArtifact minimized_artifact(ScheduleArtifact a, const ScenarioMinimizeResult& m);

ScenarioMinimizeResult minimize_scenario(const MapTargetInfo& target, const Program& program,
                                         const sched::Schedule& schedule, const std::string& kind,
                                         const ScenarioMinimizeOptions& opts = {});

}  // namespace contend
