// CanaryDirtyPool (canary_dirty_pool): a mutex free list that hands reused objects out without
// resetting them, so the next holder sees the previous holder's state (failure-modes.md 3).
// Claims the full PoolTarget contract, which it breaks on every reuse.
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "targets/pool_target.h"

namespace contend {

class CanaryDirtyPool {
 public:
  static constexpr bool kConcurrent = true;
  explicit CanaryDirtyPool(std::size_t object_size) : size_(object_size) {}
  ~CanaryDirtyPool() {
    for (auto* o : free_) delete_object(o);
  }
  CanaryDirtyPool(const CanaryDirtyPool&) = delete;
  CanaryDirtyPool& operator=(const CanaryDirtyPool&) = delete;

  PoolObject* acquire() {
    {
      std::lock_guard g(mu_);
      if (!free_.empty()) {
        PoolObject* o = free_.back();
        free_.pop_back();
        reused_.fetch_add(1, std::memory_order_relaxed);
        unpoison_payload(o);  // BUG (deliberate): no reset_object(o)
        return o;
      }
    }
    created_.fetch_add(1, std::memory_order_relaxed);
    return new_object(size_);
  }
  void release(PoolObject* o) {
    std::lock_guard g(mu_);
    free_.push_back(o);
  }
  PoolStats stats() const {
    std::lock_guard g(mu_);
    return {created_.load(std::memory_order_relaxed), reused_.load(std::memory_order_relaxed), free_.size(), 0};
  }

 private:
  const std::size_t size_;
  mutable std::mutex mu_;
  std::vector<PoolObject*> free_;
  std::atomic<uint64_t> created_{0}, reused_{0};
};

}  // namespace contend
