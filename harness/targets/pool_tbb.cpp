#include "targets/pool_tbb.h"

#include "targets/pool_registry.h"

namespace contend {

TbbPool::~TbbPool() {
  PoolObject* o = nullptr;
  while (free_.try_pop(o)) delete_object(o);
}

PoolObject* TbbPool::acquire() {
  PoolObject* o = nullptr;
  if (free_.try_pop(o)) {
    free_count_.fetch_sub(1, std::memory_order_relaxed);
    reused_.fetch_add(1, std::memory_order_relaxed);
    reset_object(o);
    return o;
  }
  created_.fetch_add(1, std::memory_order_relaxed);
  return new_object(size_);
}

void TbbPool::release(PoolObject* o) {
  if (free_count_.fetch_add(1, std::memory_order_relaxed) < kMaxFree) {
    free_.push(o);  // the queue's push/pop synchronize the object's contents
    return;
  }
  free_count_.fetch_sub(1, std::memory_order_relaxed);
  freed_.fetch_add(1, std::memory_order_relaxed);
  delete_object(o);
}

PoolStats TbbPool::stats() const {
  const int64_t n = free_count_.load(std::memory_order_relaxed);
  return {created_.load(std::memory_order_relaxed), reused_.load(std::memory_order_relaxed),
          static_cast<uint64_t>(n > 0 ? n : 0), freed_.load(std::memory_order_relaxed)};
}

CONTEND_REGISTER_POOL_TARGET("tbb_pool", TbbPool, false,
                             "oneTBB concurrent_queue free list (lock-free FIFO), about 4096 free objects kept");

}  // namespace contend
