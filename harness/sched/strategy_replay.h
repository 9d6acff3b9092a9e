// ReplayStrategy: returns the decisions of a recorded Schedule in order, so an execution of the
// same bodies on the same binary repeats step for step. If a recorded thread is not eligible, the
// thread count differs, or the execution needs more decisions than were recorded, the replay has
// diverged (diverged() turns true) and it continues round-robin without preemption.
// begin_execution rewinds, so one ReplayStrategy can replay the schedule any number of times.
#pragma once

#include <string>

#include "sched/schedule.h"
#include "sched/strategy.h"
#include "util/rng.h"

namespace contend::sched {

class ReplayStrategy final : public Strategy {
 public:
  explicit ReplayStrategy(Schedule s) : schedule_(std::move(s)), rng_(schedule_.seed) {}
  void begin_execution(uint32_t nthreads) override;
  Pick pick(const PickRequest& req) override;
  // Deterministic stream derived from the schedule's seed (decisions do not record these).
  uint64_t next_u64() override { return rng_.next_u64(); }
  std::string_view name() const override { return "replay"; }

  bool diverged() const { return !divergence_.empty(); }
  const std::string& divergence() const { return divergence_; }  // first divergence, explained
  // True once every recorded decision was used (a faithful replay ends exactly there).
  bool complete() const { return next_ == schedule_.decisions.size(); }
  const Schedule& schedule() const { return schedule_; }

 private:
  Schedule schedule_;
  Rng rng_;
  size_t next_ = 0;
  std::string divergence_;
};

}  // namespace contend::sched
