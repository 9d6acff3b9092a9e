// ProgramExecution: one execution of a map Program (gen/program.h) against a fresh container,
// from the first init operation to the verdict. Every operation goes through run_op, which
// executes, checks (cheap invariants) and records (history) it, so controlled runs
// (controlled/controlled_map_run.cpp) and real-thread runs (fuzzers/stress_once.cpp) cannot
// drift apart. The sequential init and post parts use slot threads() of the history and of the
// invariants; `finish` runs the quiescent checks and the linearizability and iteration checks
// over the whole history.
//
// Thread-safety: run_op(slot, ...) may be called concurrently for distinct slots; stamps come from
// one seq_cst counter, so an operation that returned before another was called has a smaller
// stamp in both real-thread and controlled runs (where only one vthread runs at a time anyway).
#pragma once

#include <atomic>
#include <memory>
#include <span>
#include <vector>

#include "check/map_history_check.h"
#include "gen/program.h"
#include "record/history.h"
#include "runner/map_invariants.h"
#include "runner/map_op.h"
#include "runner/violation_log.h"
#include "targets/registry.h"

namespace contend {

class ProgramExecution {
 public:
  // Creates the container (target.make()) and sizes every buffer for `program`.
  ProgramExecution(const MapTargetInfo& target, const Program& program, ViolationLog& log);
  ~ProgramExecution();

  uint32_t sequential_slot() const { return program_.threads(); }
  void run_op(uint32_t slot, const Op& op);
  void run_sequence(std::span<const Op> ops) {
    for (const Op& op : ops) run_op(sequential_slot(), op);
  }

  // Quiescent checks, then the history checks; violations go to the log. Returns the check report
  // (its verdict tells an exhausted checker budget apart).
  check::MapCheckReport finish(double checker_budget_s);

  // After an abnormal end the container may be mid-operation on abandoned stacks: leak it rather
  // than run its destructor (see sched::run_controlled).
  void abandon() { (void)map_.release(); }

  // The container object's address range, for naming it in traces.
  uintptr_t target_base() const { return reinterpret_cast<uintptr_t>(map_.get()); }
  std::size_t target_size() const { return map_->footprint(); }

 private:
  const MapTargetInfo& target_;
  const Program& program_;
  ViolationLog& log_;
  std::unique_ptr<AnyMap> map_;
  HistoryRecorder history_;
  std::vector<ThreadInvariants> inv_;
  std::vector<Elements> scratch_;
  std::atomic<uint64_t> clock_{0};
};

}  // namespace contend
