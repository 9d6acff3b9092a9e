#include "targets/pool_canary_double_handout.h"

#include <unordered_set>

#include "targets/pool_registry.h"

namespace contend {

CanaryDoubleHandoutPool::~CanaryDoubleHandoutPool() {
  // A double hand-out can put one object on the list twice (both holders release it), which
  // can make the list cyclic: delete each object once and stop at the first repeat.
  std::unordered_set<PoolObject*> seen;
  for (PoolObject* o = head_.load(std::memory_order_acquire); o && seen.insert(o).second; o = o->link) {
  }
  for (auto* o : seen) delete_object(o);
}

PoolObject* CanaryDoubleHandoutPool::acquire() {
  PoolObject* head = head_.load(std::memory_order_acquire);
  if (head) {
    PoolObject* next = head->link;
    for (int i = 0; i < 64; ++i) {
      // widen the window: relaxed loads the compiler cannot drop
      (void)head_.load(std::memory_order_relaxed);
    }
    if (window_hook) window_hook(*this, window_arg);
    head_.store(next, std::memory_order_release);  // BUG (deliberate): should be a CAS from head
    free_count_.fetch_sub(1, std::memory_order_relaxed);
    reused_.fetch_add(1, std::memory_order_relaxed);
    reset_object(head);
    return head;
  }
  created_.fetch_add(1, std::memory_order_relaxed);
  return new_object(size_);
}

void CanaryDoubleHandoutPool::release(PoolObject* o) {
  PoolObject* head = head_.load(std::memory_order_relaxed);
  do {
    o->link = head;  // published by the release CAS below
  } while (!head_.compare_exchange_weak(head, o, std::memory_order_release, std::memory_order_relaxed));
  free_count_.fetch_add(1, std::memory_order_relaxed);
}

PoolStats CanaryDoubleHandoutPool::stats() const {
  const int64_t n = free_count_.load(std::memory_order_relaxed);
  return {created_.load(std::memory_order_relaxed), reused_.load(std::memory_order_relaxed),
          static_cast<uint64_t>(n > 0 ? n : 0), 0};
}

CONTEND_REGISTER_POOL_TARGET("canary_double_handout_pool", CanaryDoubleHandoutPool, true,
                             "CANARY: free-list pop is load+store, not CAS: one object handed to two holders");

}  // namespace contend
