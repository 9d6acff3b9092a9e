// ControlledPoolRunner: one controlled execution of a PoolProgram (gen/pool_program.h) against a
// pool target, end to end: a fresh pool, one vthread per program thread (the Strategy picks every
// interleaving), the pool invariants checked on every operation, then quiescent checks. The pool
// counterpart of controlled_map_run.h, reporting through the same ControlledRun (outcome, detail,
// violations), so pool failures read like map failures. Driver code here is compiled plain; only
// the pool targets are instrumented (link contend_pool_targets_ctl, whole archive), so every
// schedule point is inside the pool or its synchronization.
//
// What each operation does (thread t, its kPoolSlots holding slots):
//   acquire s  releases slot s's object if any, then workloads::checked_acquire with a fresh owner
//              tag: double-handout if the object is still owned (the slot stays empty: the object
//              is not ours), dirty-object if the payload is not all zero
//   release s  workloads::checked_release: ownership if the tag words changed during the hold,
//              then poison + release (no-op on an empty slot)
//   write s=v  fills the payload after the tag word with the thread's pattern 0x10*(t+1)+v
//   verify s   reads the payload back: ownership if tag or pattern changed during the hold
//   cycle=v    acquire, write v, verify, release on a private temporary slot
// Each thread releases its slots (0..3) at its end. After a normal end, with no violation so far:
//   use-after-release  reset_object() found the release poison changed (pool_counters())
//   no-reuse           the pool reports free objects (stats().retained > 0) yet a quiescent
//                      acquire allocated a new object: released objects are never handed out
//                      again, so retention grows with every acquire (the fuzz-scale form of
//                      pool-churn's unbounded-retention bound; thread -1 = the quiescent check)
// A pool whose execution ended abnormally or that showed a violation is leaked, not destroyed
// (its free list may hold an object twice, or be mid-operation on an abandoned stack).
//
// Thread-safety: one run at a time per process (run_controlled's rule); a runner is reusable
// across runs and programs (its violation log is kept between runs).
#pragma once

#include <cstddef>
#include <memory>

#include "controlled/controlled_map_run.h"
#include "gen/pool_program.h"
#include "sched/strategy.h"
#include "targets/pool_registry.h"

namespace contend {

class ControlledPoolRunner {
 public:
  static constexpr std::size_t kObjectSize = 64;  // payload bytes: one line, tag word + pattern

  explicit ControlledPoolRunner(const PoolTargetInfo& target, ControlledRunOptions opts = {});
  ~ControlledPoolRunner();
  ControlledPoolRunner(const ControlledPoolRunner&) = delete;
  ControlledPoolRunner& operator=(const ControlledPoolRunner&) = delete;

  ControlledRun run(const PoolProgram& program, sched::Strategy& strategy);
  const PoolTargetInfo& target() const { return target_; }
  ControlledRunOptions& options() { return opts_; }

 private:
  const PoolTargetInfo& target_;
  ControlledRunOptions opts_;
  std::unique_ptr<ViolationLog> log_;
};

}  // namespace contend
