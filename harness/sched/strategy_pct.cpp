// PctStrategy: priorities + d-1 change points (see strategy_pct.h).
#include "sched/strategy_pct.h"

#include <algorithm>

namespace contend::sched {

PctStrategy::PctStrategy(uint64_t seed, PctOptions opts) : seed_(seed), opts_(opts) {
  if (opts_.depth == 0) opts_.depth = 1;
}

void PctStrategy::begin_execution(uint32_t nthreads) {
  exec_seed_ = derive_seed(seed_, index_++);
  rng_ = Rng(exec_seed_);
  prio_.resize(nthreads);
  for (uint32_t i = 0; i < nthreads; ++i) prio_[i] = opts_.depth + i;
  for (uint32_t i = nthreads; i > 1; --i) {  // Fisher-Yates
    std::swap(prio_[i - 1], prio_[rng_.below(i)]);
  }
  const uint64_t k = opts_.steps != 0 ? opts_.steps : max_seen_;
  change_points_.clear();
  for (uint32_t i = 1; i < opts_.depth; ++i) change_points_.push_back(1 + rng_.below(k));
  std::sort(change_points_.begin(), change_points_.end());
  next_cp_ = 0;
}

Pick PctStrategy::pick(const PickRequest& req) {
  // Apply every change point reached: the thread running at that step loses its priority.
  while (next_cp_ < change_points_.size() && req.step >= change_points_[next_cp_]) {
    ++next_cp_;
    if (req.current >= 0) prio_[req.current] = opts_.depth - static_cast<uint32_t>(next_cp_);
  }
  uint32_t best = req.eligible[0];
  for (uint32_t t : req.eligible) {
    if (prio_[t] > prio_[best]) best = t;
  }
  const uint64_t budget =
      next_cp_ < change_points_.size() ? std::max<uint64_t>(1, change_points_[next_cp_] - req.step)
                                       : kNoPreemption;
  return Pick{best, budget};
}

void PctStrategy::end_execution(uint64_t steps) { max_seen_ = std::max(max_seen_, steps); }

}  // namespace contend::sched
