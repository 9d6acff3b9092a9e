// Token handoff between OS threads: a 3-state futex word per thread, driven by raw `syscall`
// instructions. The runtime must never call libc's syscall(): it is interposed (futex emulation)
// and would recurse into the scheduler.
//
// Ordering: grant() publishes with an acq_rel exchange and wait_token() consumes with an acquire
// load, so everything the granter wrote to scheduler state happens-before the grantee reads it.
// The scheduler's own state needs no other synchronization: only the token holder touches it.
#pragma once

#include <linux/futex.h>
#include <sys/syscall.h>

#include <atomic>
#include <cstdint>

namespace contend::sched::detail {

inline long raw_syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6) {
  long ret;
  register long r10 __asm__("r10") = a4;
  register long r8 __asm__("r8") = a5;
  register long r9 __asm__("r9") = a6;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;  // -errno on failure, like the kernel ABI
}

inline void futex_wait(std::atomic<uint32_t>* w, uint32_t expected) {
  raw_syscall6(SYS_futex, reinterpret_cast<long>(w), FUTEX_WAIT_PRIVATE, expected, 0, 0, 0);
}
inline void futex_wake(std::atomic<uint32_t>* w) {
  raw_syscall6(SYS_futex, reinterpret_cast<long>(w), FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

enum : uint32_t { kIdle = 0, kGranted = 1, kSleeping = 2 };

// Passes the token to the owner of `w`. Syscall only if the owner is asleep in the kernel.
inline void grant(std::atomic<uint32_t>& w) {
  if (w.exchange(kGranted, std::memory_order_acq_rel) == kSleeping) futex_wake(&w);
}

// Blocks the caller until its word is granted, then consumes the grant.
inline void wait_token(std::atomic<uint32_t>& w) {
  for (;;) {
    uint32_t s = w.load(std::memory_order_acquire);
    if (s == kGranted) {
      w.store(kIdle, std::memory_order_relaxed);
      return;
    }
    if (s == kIdle && !w.compare_exchange_strong(s, kSleeping, std::memory_order_acq_rel)) {
      continue;  // granted in between
    }
    futex_wait(&w, kSleeping);
  }
}

}  // namespace contend::sched::detail
