// PctStrategy: Probabilistic Concurrency Testing (Burckhardt et al., ASPLOS 2010), depth d.
// Each execution gives the n threads distinct random priorities >= d and picks d-1 change points
// uniformly in [1, k] steps; the highest-priority eligible thread always runs, and at the i-th
// change point the running thread drops to priority d-i. A bug of depth d is found with
// probability >= 1/(n * k^(d-1)) per execution. Blocked and yielding threads are not eligible,
// so a spinning high-priority thread cannot starve the others.
//
// k: PctOptions::steps if nonzero, else the largest step count seen so far (initially 1000),
// so the change points spread over the whole execution.
#pragma once

#include <vector>

#include "sched/strategy.h"
#include "util/rng.h"

namespace contend::sched {

struct PctOptions {
  uint32_t depth = 3;   // d: bug depth; d-1 priority change points per execution
  uint64_t steps = 0;   // k; 0 = adapt to the longest execution seen
};

class PctStrategy final : public Strategy {
 public:
  explicit PctStrategy(uint64_t seed, PctOptions opts = {});
  void begin_execution(uint32_t nthreads) override;
  Pick pick(const PickRequest& req) override;
  uint64_t next_u64() override { return rng_.next_u64(); }
  void end_execution(uint64_t steps) override;
  std::string_view name() const override { return "pct"; }

  void set_execution_index(uint64_t i) { index_ = i; }
  uint64_t execution_seed() const { return exec_seed_; }

 private:
  uint64_t seed_;
  PctOptions opts_;
  uint64_t index_ = 0, exec_seed_ = 0, max_seen_ = 1000;
  Rng rng_{0};
  std::vector<uint32_t> prio_;           // per thread
  std::vector<uint64_t> change_points_;  // ascending steps
  size_t next_cp_ = 0;
};

}  // namespace contend::sched
