// ReplayStrategy: recorded decisions, with divergence detection.
#include "sched/strategy_replay.h"

namespace contend::sched {

void ReplayStrategy::begin_execution(uint32_t nthreads) {
  next_ = 0;
  divergence_.clear();
  rng_ = Rng(schedule_.seed);
  if (nthreads != schedule_.nthreads) {
    divergence_ = "schedule was recorded with " + std::to_string(schedule_.nthreads) +
                  " threads, execution has " + std::to_string(nthreads);
  }
}

Pick ReplayStrategy::pick(const PickRequest& req) {
  if (divergence_.empty() && next_ < schedule_.decisions.size()) {
    const Decision d = schedule_.decisions[next_];
    for (uint32_t t : req.eligible) {
      if (t == d.thread) {
        ++next_;
        return Pick{d.thread, d.budget};
      }
    }
    divergence_ = "decision " + std::to_string(next_) + " at step " + std::to_string(req.step) +
                  ": recorded thread T" + std::to_string(d.thread) + " is not eligible";
  } else if (divergence_.empty()) {
    divergence_ = "execution needs more than the " +
                  std::to_string(schedule_.decisions.size()) + " recorded decisions";
  }
  for (uint32_t t : req.eligible) {
    if (static_cast<int>(t) == req.current) return Pick{t, kNoPreemption};
  }
  return Pick{req.eligible[0], kNoPreemption};
}

}  // namespace contend::sched
