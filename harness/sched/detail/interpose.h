// Shared helpers of the interposers (interpose_*.cpp): lazy resolution of the real libc function
// behind ours, virtual-time conversions and the generic "loop on the real try-variant" lock.
//
// The interposers are ordinary global definitions in the executable; it is linked with -rdynamic
// so libstdc++.so, libtbb.so and tbbmalloc bind to them too. Outside a vthread they forward to
// the real function. Each interpose_*.cpp defines an anchor referenced from runtime.cpp so that a
// static link always pulls it in (nothing else in the executable may reference those symbols).
#pragma once

#include <dlfcn.h>
#include <errno.h>
#include <time.h>

#include <atomic>

#include "sched/detail/runtime.h"

namespace contend::sched::detail {

// Resolves `name` (optionally a specific symbol version) in the objects after the executable.
// Racing first calls resolve twice, harmlessly; no locks or guards (they are interposed here).
void* resolve_next(const char* name, const char* version);

#define CONTEND_REAL_FN(ret, name, params, version)                                     \
  inline ret(*real_##name())params {                                                    \
    static std::atomic<void*> slot{nullptr};                                            \
    void* p = slot.load(std::memory_order_relaxed);                                     \
    if (p == nullptr) {                                                                 \
      p = ::contend::sched::detail::resolve_next(#name, version);                       \
      slot.store(p, std::memory_order_relaxed);                                         \
    }                                                                                   \
    return reinterpret_cast<ret(*) params>(p);                                          \
  }

inline constexpr uint64_t kRealtimeEpochNs = 1'700'000'000'000'000'000ULL;  // virtual wall clock

inline uint64_t ts_to_ns(const timespec& ts) {
  return ts.tv_sec < 0 ? 0 : uint64_t(ts.tv_sec) * 1'000'000'000ULL + uint64_t(ts.tv_nsec);
}
inline timespec ns_to_ts(uint64_t ns) {
  return timespec{static_cast<time_t>(ns / 1'000'000'000ULL), static_cast<long>(ns % 1'000'000'000ULL)};
}
inline bool is_virtual_clock(clockid_t c) {
  return c == CLOCK_MONOTONIC || c == CLOCK_MONOTONIC_RAW || c == CLOCK_MONOTONIC_COARSE ||
         c == CLOCK_BOOTTIME || c == CLOCK_REALTIME || c == CLOCK_REALTIME_COARSE;
}
// Virtual "now" of a clock: monotonic clocks read vnow(), realtime clocks a fixed-epoch date.
inline uint64_t vclock_ns(clockid_t c) {
  return (c == CLOCK_REALTIME || c == CLOCK_REALTIME_COARSE)
             ? kRealtimeEpochNs + (vnow() - kVirtualEpochNs)
             : vnow();
}
// Absolute deadline on clock c (as read through our clock_gettime) -> virtual monotonic ns.
inline uint64_t deadline_abs(clockid_t c, const timespec* abs) {
  if (abs == nullptr) return kNoDeadline;
  const uint64_t now = vclock_ns(c), at = ts_to_ns(*abs);
  return vnow() + (at > now ? at - now : 0);
}
inline uint64_t deadline_rel(const timespec* rel) {
  return rel == nullptr ? kNoDeadline : vnow() + ts_to_ns(*rel);
}

// Acquire loop of every lock-like interposer: try the real non-blocking variant; while it reports
// `busy_code`, block on obj until an unlock wakes us (or the deadline passes: returns ETIMEDOUT).
template <class Try>
int lock_loop(VThread* t, WaitKind k, const void* obj, uint64_t deadline, int busy_code, Try try_fn) {
  for (;;) {
    const int r = try_fn();
    if (r != busy_code) return r;
    if (block(t, k, obj, deadline)) return ETIMEDOUT;
  }
}

// Unlock bookkeeping: wake the waiters of obj and count progress.
inline void released(VThread* t, WaitKind k, const void* obj, uintptr_t pc) {
  wake(obj, k);
  progress();
  sync_point(t, EventKind::kUnlock, const_cast<void*>(obj), pc);
}

#define CONTEND_CALLER_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))

}  // namespace contend::sched::detail
