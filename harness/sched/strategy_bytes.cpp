// BytesStrategy: two bytes per decision, round-robin without preemption once exhausted.
#include "sched/strategy_bytes.h"

namespace contend::sched {

void BytesStrategy::begin_execution(uint32_t) { front_ = 0; }

Pick BytesStrategy::pick(const PickRequest& req) {
  const size_t n = req.eligible.size();
  if (front_ + 2 <= data_.size() - back_) {
    const uint8_t b0 = data_[front_], b1 = data_[front_ + 1];
    front_ += 2;
    return Pick{req.eligible[b0 % n], 1u + b1};
  }
  // Exhausted: keep the current thread if it may continue, else the next id after it.
  for (uint32_t t : req.eligible) {
    if (static_cast<int>(t) == req.current) return Pick{t, kNoPreemption};
  }
  for (uint32_t t : req.eligible) {
    if (static_cast<int>(t) > req.current) return Pick{t, kNoPreemption};
  }
  return Pick{req.eligible[0], kNoPreemption};
}

uint64_t BytesStrategy::next_u64() {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    uint8_t b = 0;
    if (front_ + back_ < data_.size()) {
      b = data_[data_.size() - 1 - back_];
      ++back_;
    }
    v = (v << 8) | b;
  }
  return v;
}

}  // namespace contend::sched
