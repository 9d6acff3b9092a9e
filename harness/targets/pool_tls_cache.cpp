#include "targets/pool_tls_cache.h"

#include "targets/pool_registry.h"

namespace contend {

namespace {
std::atomic<uint32_t> g_next_thread_index{0};  // relaxed: only uniqueness matters
}

uint32_t TlsCachePool::my_slot() {
  thread_local const uint32_t index = g_next_thread_index.fetch_add(1, std::memory_order_relaxed);
  return index % kSlots;
}

TlsCachePool::~TlsCachePool() {
  for (auto& s : slots_) {
    for (uint32_t i = 0; i < s.n; ++i) delete_object(s.items[i]);
  }
  for (auto* o : shared_) delete_object(o);
}

PoolObject* TlsCachePool::take(PoolObject* o) {
  reused_.fetch_add(1, std::memory_order_relaxed);
  reset_object(o);
  return o;
}

PoolObject* TlsCachePool::acquire() {
  const uint32_t me = my_slot();
  {
    Slot& s = slots_[me];
    std::lock_guard g(s.mu);
    if (s.n > 0) return take(s.items[--s.n]);
  }
  {
    std::lock_guard g(shared_mu_);
    if (!shared_.empty()) {
      PoolObject* o = shared_.back();
      shared_.pop_back();
      return take(o);
    }
  }
  for (uint32_t i = 1; i < kSlots; ++i) {  // steal from other threads' caches
    Slot& s = slots_[(me + i) % kSlots];
    std::unique_lock g(s.mu, std::try_to_lock);
    if (g.owns_lock() && s.n > 0) {
      stolen_.fetch_add(1, std::memory_order_relaxed);
      return take(s.items[--s.n]);
    }
  }
  created_.fetch_add(1, std::memory_order_relaxed);
  return new_object(size_);
}

void TlsCachePool::release(PoolObject* o) {
  {
    Slot& s = slots_[my_slot()];
    std::lock_guard g(s.mu);
    if (s.n < kCacheCap) {
      s.items[s.n++] = o;
      return;
    }
  }
  {
    std::lock_guard g(shared_mu_);
    if (shared_.size() < kSharedCap) {
      shared_.push_back(o);
      return;
    }
  }
  freed_.fetch_add(1, std::memory_order_relaxed);
  delete_object(o);
}

PoolStats TlsCachePool::stats() const {
  uint64_t retained = 0;
  for (auto& s : slots_) {
    std::lock_guard g(const_cast<std::mutex&>(s.mu));
    retained += s.n;
  }
  {
    std::lock_guard g(shared_mu_);
    retained += shared_.size();
  }
  return {created_.load(std::memory_order_relaxed), reused_.load(std::memory_order_relaxed), retained,
          freed_.load(std::memory_order_relaxed)};
}

CONTEND_REGISTER_POOL_TARGET("tls_cache_pool", TlsCachePool, false,
                             "per-thread caches + shared overflow + stealing (Go sync.Pool shape), bounded");

}  // namespace contend
