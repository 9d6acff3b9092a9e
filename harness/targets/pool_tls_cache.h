// TlsCachePool (tls_cache_pool): per-thread caches with a shared overflow list and stealing, the
// shape of Go's sync.Pool (private/shared per P, steal from other Ps, then New).
// Threads map to one of kSlots cache slots by a process-wide thread index (two threads share a
// slot only past kSlots threads). Each slot and the overflow list have their own mutex, so the
// common path (own slot) is uncontended; stealing uses try_lock and skips busy slots.
// Contract: acquire/release may overlap from any threads. Retention is bounded by
// kSlots * kCacheCap + kSharedCap objects; releases beyond that delete the object.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include "targets/pool_target.h"

namespace contend {

class TlsCachePool {
 public:
  static constexpr bool kConcurrent = true;
  static constexpr uint32_t kSlots = 64;
  static constexpr uint32_t kCacheCap = 32;
  static constexpr std::size_t kSharedCap = 1024;

  explicit TlsCachePool(std::size_t object_size) : size_(object_size) {}
  ~TlsCachePool();
  TlsCachePool(const TlsCachePool&) = delete;
  TlsCachePool& operator=(const TlsCachePool&) = delete;

  PoolObject* acquire();
  void release(PoolObject* o);
  PoolStats stats() const;

 private:
  struct alignas(64) Slot {
    std::mutex mu;
    uint32_t n = 0;  // guarded by mu
    PoolObject* items[kCacheCap] = {};
  };
  static uint32_t my_slot();
  PoolObject* take(PoolObject* o);

  const std::size_t size_;
  Slot slots_[kSlots];
  mutable std::mutex shared_mu_;
  std::vector<PoolObject*> shared_;  // guarded by shared_mu_
  std::atomic<uint64_t> created_{0}, reused_{0}, freed_{0}, stolen_{0};  // relaxed: statistics
};

}  // namespace contend
