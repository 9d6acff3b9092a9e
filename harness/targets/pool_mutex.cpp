#include "targets/pool_mutex.h"

#include "targets/pool_registry.h"

namespace contend {

MutexPool::~MutexPool() {
  for (auto* o : free_) delete_object(o);
}

PoolObject* MutexPool::acquire() {
  PoolObject* o = nullptr;
  {
    std::lock_guard g(mu_);
    if (!free_.empty()) {
      o = free_.back();
      free_.pop_back();
    }
  }
  if (o) {
    reused_.fetch_add(1, std::memory_order_relaxed);
    reset_object(o);
    return o;
  }
  created_.fetch_add(1, std::memory_order_relaxed);
  return new_object(size_);
}

void MutexPool::release(PoolObject* o) {
  {
    std::lock_guard g(mu_);
    if (free_.size() < kMaxFree) {
      free_.push_back(o);
      return;
    }
  }
  freed_.fetch_add(1, std::memory_order_relaxed);
  delete_object(o);
}

PoolStats MutexPool::stats() const {
  std::lock_guard g(mu_);
  return {created_.load(std::memory_order_relaxed), reused_.load(std::memory_order_relaxed), free_.size(),
          freed_.load(std::memory_order_relaxed)};
}

CONTEND_REGISTER_POOL_TARGET("mutex_pool", MutexPool, false,
                             "LIFO free list under one std::mutex, at most 4096 free objects kept");

}  // namespace contend
