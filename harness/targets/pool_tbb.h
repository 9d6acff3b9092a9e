// TbbPool (tbb_pool): free objects in a oneTBB concurrent_queue (lock-free, FIFO).
// Contract: acquire/release may overlap from any threads. The queue's size is tracked with a
// relaxed counter that can briefly over- or under-count under contention, so the kMaxFree bound
// on retention is approximate (by at most the number of threads releasing at once).
#pragma once

#include <atomic>
#include <cstdint>

#include <tbb/concurrent_queue.h>

#include "targets/pool_target.h"

namespace contend {

class TbbPool {
 public:
  static constexpr bool kConcurrent = true;
  static constexpr int64_t kMaxFree = 4096;

  explicit TbbPool(std::size_t object_size) : size_(object_size) {}
  ~TbbPool();
  TbbPool(const TbbPool&) = delete;
  TbbPool& operator=(const TbbPool&) = delete;

  PoolObject* acquire();
  void release(PoolObject* o);
  PoolStats stats() const;

 private:
  const std::size_t size_;
  tbb::concurrent_queue<PoolObject*> free_;
  std::atomic<int64_t> free_count_{0};  // relaxed: an admission estimate
  std::atomic<uint64_t> created_{0}, reused_{0}, freed_{0};
};

}  // namespace contend
