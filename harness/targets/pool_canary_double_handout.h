// CanaryDoubleHandoutPool (canary_double_handout_pool): a Treiber-style free-list stack whose
// pop is a load followed by a separate store instead of one compare-and-swap. Two acquires that
// overlap between the load and the store both take the same head object: one object, two
// holders (failure-modes.md 3). Push is a correct CAS loop. All accesses to head_ are atomics
// (acquire/release), so the bug is a logic race, not a data race a sanitizer would flag.
// The window between the load and the store is widened by a short spin so stress runs hit it.
// Test seam: `window_hook`, when set, is called inside that window (used by a deterministic
// single-threaded test to run a second acquire there).
#pragma once

#include <atomic>
#include <cstdint>

#include "targets/pool_target.h"

namespace contend {

class CanaryDoubleHandoutPool {
 public:
  static constexpr bool kConcurrent = true;
  explicit CanaryDoubleHandoutPool(std::size_t object_size) : size_(object_size) {}
  ~CanaryDoubleHandoutPool();
  CanaryDoubleHandoutPool(const CanaryDoubleHandoutPool&) = delete;
  CanaryDoubleHandoutPool& operator=(const CanaryDoubleHandoutPool&) = delete;

  PoolObject* acquire();
  void release(PoolObject* o);
  PoolStats stats() const;

  // Called between the pop's load and store when non-null (tests only; not thread-safe to set
  // while other threads use the pool).
  void (*window_hook)(CanaryDoubleHandoutPool&, void*) = nullptr;
  void* window_arg = nullptr;

 private:
  const std::size_t size_;
  std::atomic<PoolObject*> head_{nullptr};
  std::atomic<int64_t> free_count_{0};
  std::atomic<uint64_t> created_{0}, reused_{0};
};

}  // namespace contend
