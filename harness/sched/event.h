// EventKind: what a schedule point or trace step did (read, lock, block, ...). Shared by the
// runtime (which emits them), the trace (which stores them) and the trace printer.
#pragma once

#include <cstdint>
#include <string_view>

namespace contend::sched {

enum class EventKind : uint8_t {
  kRead = 0,     // instrumented plain load (every-access mode only)
  kWrite,        // instrumented plain store (every-access mode only)
  kAtomicLoad,   // atomic load
  kAtomicStore,  // atomic store
  kAtomicRmw,    // exchange / fetch_op
  kAtomicCas,    // compare-exchange
  kFence,        // atomic_thread_fence
  kLock,         // about to acquire a mutex / rwlock / spinlock / once / static guard / semaphore
  kUnlock,       // released one (after the release)
  kWait,         // condition variable / futex / barrier wait
  kNotify,       // condition variable signal / broadcast / futex wake / sem post
  kBlock,        // thread could not proceed and gave up the token
  kWake,         // thread was made runnable by another (or by a timeout)
  kYield,        // sched_yield or a detected spin; thread deprioritized until progress
  kSleep,        // virtual-time sleep
  kCount
};

inline constexpr std::string_view kEventNames[] = {
    "read", "write", "atomic_load", "atomic_store", "atomic_rmw", "atomic_cas", "fence", "lock",
    "unlock", "wait", "notify", "block", "wake", "yield", "sleep"};
static_assert(std::size(kEventNames) == static_cast<size_t>(EventKind::kCount));

constexpr std::string_view event_name(EventKind k) { return kEventNames[static_cast<int>(k)]; }

}  // namespace contend::sched
