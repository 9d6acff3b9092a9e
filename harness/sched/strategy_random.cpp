// RandomStrategy: uniform thread, uniform budget.
#include "sched/strategy_random.h"

namespace contend::sched {

RandomStrategy::RandomStrategy(uint64_t seed, uint64_t mean_budget)
    : seed_(seed), mean_budget_(mean_budget == 0 ? 1 : mean_budget) {}

void RandomStrategy::begin_execution(uint32_t) {
  exec_seed_ = derive_seed(seed_, index_++);
  rng_ = Rng(exec_seed_);
}

Pick RandomStrategy::pick(const PickRequest& req) {
  const uint32_t t = req.eligible[rng_.below(req.eligible.size())];
  return Pick{t, 1 + rng_.below(2 * mean_budget_)};
}

}  // namespace contend::sched
