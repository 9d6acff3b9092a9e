// ControlledMapRunner: one controlled execution of a map Program against a target, end to end
// (runner/program_execution.h): fresh container, the init part sequentially, one vthread per
// program thread (the Strategy picks every interleaving), the post part sequentially, then the
// same invariants as stress runs plus per-key linearizability over the whole history. The
// schedule, points and trace of a run are the parallel part's. This is the unit that `explore`, `replay` and the fuzzers
// repeat. Driver code here is compiled plain; only the target adapters are instrumented (they
// are linked from the controlled copy of the target sources), so every schedule point is inside
// the container or its synchronization.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gen/program.h"
#include "runner/violation_log.h"
#include "sched/executor.h"
#include "targets/registry.h"
#include "util/outcome.h"

namespace contend {

struct ControlledRunOptions {
  sched::ExecOptions exec;
  double checker_budget_s = 5;
  bool record_op_steps = false;  // fill ControlledRun::op_steps (the minimizer's schedule edits)
};

struct ControlledRun {
  Outcome outcome = Outcome::kOk;   // kOk, kViolation, kUnknown, kCrash, kDeadlock, kLivelock
  std::string detail;               // one paragraph: the first violation or the executor's message
  sched::ExecResult exec;
  std::vector<Violation> violations;
  // The init part ran into the step limit (sched::ExecOptions::max_steps): the scenario costs
  // more than a controlled execution may, which says nothing about the target's correctness by
  // itself. outcome is then kLivelock; explore skips such scenarios and generates smaller init
  // parts (and reports the livelock only when even a small init part hits the limit).
  bool init_step_limit = false;
  // With ControlledRunOptions::record_op_steps: op_steps[t][i] is the step at which thread t began
  // its operation i, and op_steps[t].back() the step at which it finished its last (a thread cut
  // short has fewer entries).
  std::vector<std::vector<uint64_t>> op_steps;
};

// run_controlled over `bodies` into `out` (exec result and outcome), shared by the map and pool
// runners. After an abnormal end it also fills in `detail` and the violations `log` holds so far
// and returns false: the caller must then leak the state the bodies shared (see run_controlled).
bool run_bodies(ControlledRun& out, std::span<const std::function<void()>> bodies, sched::Strategy& strategy,
                const sched::ExecOptions& opts, const ViolationLog& log);

// Reusable across executions of one program (buffers are kept between runs).
class ControlledMapRunner {
 public:
  ControlledMapRunner(const MapTargetInfo& target, const Program& program, ControlledRunOptions opts);
  ~ControlledMapRunner();
  ControlledRun run(sched::Strategy& strategy);

 private:
  struct State;
  const MapTargetInfo& target_;
  const Program& program_;
  ControlledRunOptions opts_;
  std::unique_ptr<State> state_;
};

}  // namespace contend
