// Interposed syscall(SYS_futex / SYS_clock_gettime / SYS_sched_yield), sched_yield, sleeps,
// clock_gettime and the C++ static-initialization guards.
//
// Virtual time: in a vthread, CLOCK_MONOTONIC* / CLOCK_BOOTTIME read vnow() (10 ns per schedule
// point plus the time skipped to fire sleeps and timeouts); CLOCK_REALTIME* reads a fixed-epoch
// date advancing the same way. Sleeps block in virtual time: a sleeper wakes when its deadline
// has passed or when nothing else can run (time then jumps to its deadline). So steady_clock,
// sleep_for and timed waits are deterministic under a given schedule.
#include <linux/futex.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>

#include "sched/detail/interpose.h"

namespace contend::sched::detail {
extern const int kAnchorSys = 0;

void* resolve_next(const char* name, const char* version) {
  void* p = version ? dlvsym(RTLD_NEXT, name, version) : dlsym(RTLD_NEXT, name);
  if (p == nullptr) {
    static const char kMsg[] = "contend sched: cannot resolve the real libc function\n";
    raw_syscall6(SYS_write, 2, reinterpret_cast<long>(kMsg), sizeof kMsg - 1, 0, 0, 0);
    __builtin_trap();
  }
  return p;
}
}  // namespace contend::sched::detail

using namespace contend::sched::detail;
using contend::sched::EventKind;

namespace {
CONTEND_REAL_FN(int, clock_gettime, (clockid_t, timespec*), nullptr)
CONTEND_REAL_FN(int, nanosleep, (const timespec*, timespec*), nullptr)
CONTEND_REAL_FN(int, clock_nanosleep, (clockid_t, int, const timespec*, timespec*), nullptr)
CONTEND_REAL_FN(int, usleep, (useconds_t), nullptr)
CONTEND_REAL_FN(unsigned, sleep, (unsigned), nullptr)
CONTEND_REAL_FN(int, __cxa_guard_acquire, (uint64_t*), nullptr)
CONTEND_REAL_FN(void, __cxa_guard_release, (uint64_t*), nullptr)
CONTEND_REAL_FN(void, __cxa_guard_abort, (uint64_t*), nullptr)

long syscall_result(long r) {
  if (r < 0 && r > -4096) {
    errno = static_cast<int>(-r);
    return -1;
  }
  return r;
}

// Sleeps `ns` of virtual time (0 = a yield).
void vsleep_until(VThread* t, uint64_t deadline, uintptr_t pc) {
  sync_point(t, EventKind::kSleep, nullptr, pc);
  if (deadline <= vnow()) {
    yield(t);
    return;
  }
  if (g_rt.tracing) record_event(t, EventKind::kSleep, nullptr, pc);
  block(t, WaitKind::kSleep, t, deadline);
}

// FUTEX_WAIT[_BITSET] / FUTEX_WAKE[_BITSET] between vthreads (C++20 atomic::wait, semaphores,
// latch/barrier, libtbb's concurrent_monitor). Other futex ops go to the kernel.
long futex_emulated(VThread* t, long* a, uintptr_t pc) {
  auto* uaddr = reinterpret_cast<uint32_t*>(a[0]);
  const int op = static_cast<int>(a[1]);
  const int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  const auto val = static_cast<uint32_t>(a[2]);
  const auto* ts = reinterpret_cast<const timespec*>(a[3]);
  const auto val3 = static_cast<uint32_t>(a[5]);
  switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
      const uint32_t bitset = cmd == FUTEX_WAIT ? ~0u : val3;
      if (bitset == 0) return syscall_result(-EINVAL);
      sync_point(t, EventKind::kWait, uaddr, pc);
      if (__atomic_load_n(uaddr, __ATOMIC_SEQ_CST) != val) return syscall_result(-EAGAIN);
      uint64_t deadline = kNoDeadline;
      if (ts != nullptr) {
        deadline = cmd == FUTEX_WAIT ? deadline_rel(ts)
                                     : deadline_abs((op & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME
                                                                                : CLOCK_MONOTONIC,
                                                    ts);
      }
      if (block(t, WaitKind::kFutex, uaddr, deadline, bitset)) return syscall_result(-ETIMEDOUT);
      return 0;
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET: {
      const uint32_t bitset = cmd == FUTEX_WAKE ? ~0u : val3;
      const uint32_t n = wake(uaddr, WaitKind::kFutex, val, bitset);
      progress();
      sync_point(t, EventKind::kNotify, uaddr, pc);
      return n;
    }
    default:
      return syscall_result(raw_syscall6(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]));
  }
}
}  // namespace

extern "C" long syscall(long n, ...) {
  long a[6];
  va_list ap;
  va_start(ap, n);
  for (long& x : a) x = va_arg(ap, long);
  va_end(ap);
  if (VThread* t = t_self) {
    switch (n) {
      case SYS_futex:
        return futex_emulated(t, a, CONTEND_CALLER_PC);
      case SYS_clock_gettime:
        return clock_gettime(static_cast<clockid_t>(a[0]), reinterpret_cast<timespec*>(a[1]));
      case SYS_sched_yield:
        yield(t);
        return 0;
      default:
        break;
    }
  }
  return syscall_result(raw_syscall6(n, a[0], a[1], a[2], a[3], a[4], a[5]));
}

extern "C" int sched_yield() {
  if (VThread* t = t_self) {
    yield(t);
    return 0;
  }
  return static_cast<int>(syscall_result(raw_syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0)));
}

extern "C" int clock_gettime(clockid_t c, timespec* ts) {
  if (t_self == nullptr || !is_virtual_clock(c)) return real_clock_gettime()(c, ts);
  *ts = ns_to_ts(vclock_ns(c));
  return 0;
}

extern "C" int nanosleep(const timespec* req, timespec* rem) {
  VThread* t = t_self;
  if (t == nullptr) return real_nanosleep()(req, rem);
  vsleep_until(t, deadline_rel(req), CONTEND_CALLER_PC);
  if (rem != nullptr) *rem = timespec{0, 0};
  return 0;
}

extern "C" int clock_nanosleep(clockid_t c, int flags, const timespec* req, timespec* rem) {
  VThread* t = t_self;
  if (t == nullptr || !is_virtual_clock(c)) return real_clock_nanosleep()(c, flags, req, rem);
  vsleep_until(t, (flags & TIMER_ABSTIME) ? deadline_abs(c, req) : deadline_rel(req),
               CONTEND_CALLER_PC);
  if (rem != nullptr && !(flags & TIMER_ABSTIME)) *rem = timespec{0, 0};
  return 0;
}

extern "C" int usleep(useconds_t us) {
  VThread* t = t_self;
  if (t == nullptr) return real_usleep()(us);
  vsleep_until(t, vnow() + uint64_t{us} * 1000, CONTEND_CALLER_PC);
  return 0;
}

extern "C" unsigned sleep(unsigned s) {
  VThread* t = t_self;
  if (t == nullptr) return real_sleep()(s);
  vsleep_until(t, vnow() + uint64_t{s} * 1'000'000'000ULL, CONTEND_CALLER_PC);
  return 0;
}

// ---- function-local statics. libstdc++'s guard word (futex build): byte 0 = initialized,
// 0x100 = initialization pending, 0x10000 = a (real) thread waits in the kernel. A vthread
// blocks in the scheduler instead of the kernel: the initializer may be descheduled. ----
namespace {
constexpr int kGuardDone = 1, kGuardPending = 0x100, kGuardWaiting = 0x10000;
void guard_finish(uint64_t* g, int value, uintptr_t pc) {
  auto* gi = reinterpret_cast<int*>(g);
  const int old = __atomic_exchange_n(gi, value, __ATOMIC_ACQ_REL);
  if (old & kGuardWaiting) {
    raw_syscall6(SYS_futex, reinterpret_cast<long>(gi), FUTEX_WAKE_PRIVATE, INT32_MAX, 0, 0, 0);
  }
  VThread* t = t_self;
  wake(g, WaitKind::kGuard);
  progress();
  sync_point(t, EventKind::kUnlock, g, pc);
}
}  // namespace

extern "C" int __cxa_guard_acquire(uint64_t* g) {
  VThread* t = t_self;
  if (t == nullptr) return real___cxa_guard_acquire()(g);
  sync_point(t, EventKind::kLock, g, CONTEND_CALLER_PC);
  auto* gi = reinterpret_cast<int*>(g);
  for (;;) {
    int v = 0;
    if (__atomic_compare_exchange_n(gi, &v, kGuardPending, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
      return 1;  // we run the initializer
    }
    if (v & kGuardDone) return 0;
    block(t, WaitKind::kGuard, g);
  }
}
extern "C" void __cxa_guard_release(uint64_t* g) {
  if (t_self == nullptr) return real___cxa_guard_release()(g);
  guard_finish(g, kGuardDone, CONTEND_CALLER_PC);
}
extern "C" void __cxa_guard_abort(uint64_t* g) {
  if (t_self == nullptr) return real___cxa_guard_abort()(g);
  guard_finish(g, 0, CONTEND_CALLER_PC);
}
