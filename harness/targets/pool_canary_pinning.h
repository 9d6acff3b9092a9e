// CanaryPinningPool (canary_pinning_pool): keeps every object it ever created and never reuses
// one: every acquire allocates, every release parks the object forever. It models both
// "a pool per request reuses nothing" and "long-lived objects pin memory" (failure-modes.md 3):
// hit rate 0, one allocation per acquire, retention growing without bound.
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "targets/pool_target.h"

namespace contend {

class CanaryPinningPool {
 public:
  static constexpr bool kConcurrent = true;
  explicit CanaryPinningPool(std::size_t object_size) : size_(object_size) {}
  ~CanaryPinningPool() {
    for (auto* o : parked_) delete_object(o);
  }
  CanaryPinningPool(const CanaryPinningPool&) = delete;
  CanaryPinningPool& operator=(const CanaryPinningPool&) = delete;

  PoolObject* acquire() {
    created_.fetch_add(1, std::memory_order_relaxed);
    return new_object(size_);
  }
  void release(PoolObject* o) {
    std::lock_guard g(mu_);
    parked_.push_back(o);  // BUG (deliberate): never reused, never freed
  }
  PoolStats stats() const {
    std::lock_guard g(mu_);
    return {created_.load(std::memory_order_relaxed), 0, parked_.size(), 0};
  }

 private:
  const std::size_t size_;
  mutable std::mutex mu_;
  std::vector<PoolObject*> parked_;
  std::atomic<uint64_t> created_{0};
};

}  // namespace contend
