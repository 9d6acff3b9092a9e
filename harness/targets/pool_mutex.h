// MutexPool (mutex_pool): a LIFO free list under one std::mutex.
// Contract: acquire/release may overlap from any threads; every operation holds the mutex for
// its list update only (reset and allocation happen outside it). At most kMaxFree free objects
// are kept; releases beyond that delete the object, so retention is bounded.
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "targets/pool_target.h"

namespace contend {

class MutexPool {
 public:
  static constexpr bool kConcurrent = true;
  static constexpr std::size_t kMaxFree = 4096;

  explicit MutexPool(std::size_t object_size) : size_(object_size) {}
  ~MutexPool();
  MutexPool(const MutexPool&) = delete;
  MutexPool& operator=(const MutexPool&) = delete;

  PoolObject* acquire();
  void release(PoolObject* o);
  PoolStats stats() const;

 private:
  const std::size_t size_;
  mutable std::mutex mu_;
  std::vector<PoolObject*> free_;  // guarded by mu_
  std::atomic<uint64_t> created_{0}, reused_{0}, freed_{0};  // relaxed: statistics
};

}  // namespace contend
