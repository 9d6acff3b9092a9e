// RandomStrategy: at every decision, a uniformly random eligible thread runs for a uniformly
// random budget in [1, 2*mean_budget] points. Execution i of a strategy built with seed s draws
// from derive_seed(s, i), so runs are independent of each other and reproducible by index.
#pragma once

#include "sched/strategy.h"
#include "util/rng.h"

namespace contend::sched {

class RandomStrategy final : public Strategy {
 public:
  explicit RandomStrategy(uint64_t seed, uint64_t mean_budget = 32);
  void begin_execution(uint32_t nthreads) override;
  Pick pick(const PickRequest& req) override;
  uint64_t next_u64() override { return rng_.next_u64(); }
  std::string_view name() const override { return "random"; }

  // Index of the next execution (begin_execution increments it); set to re-run execution i.
  void set_execution_index(uint64_t i) { index_ = i; }
  uint64_t execution_seed() const { return exec_seed_; }  // seed of the current execution

 private:
  uint64_t seed_, mean_budget_, index_ = 0, exec_seed_ = 0;
  Rng rng_{0};
};

}  // namespace contend::sched
