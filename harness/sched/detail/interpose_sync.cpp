// Interposed condition variables, pthread_once, barriers and POSIX semaphores.
// In a vthread, condition variables and barriers are fully emulated (FIFO wakeups, no spurious
// ones; the real objects are never touched, so mixing vthread and non-vthread waiters on one
// object is unsupported); once runs the initializer itself (libc's version futex-waits on a
// possibly descheduled initializer); semaphores loop on sem_trywait. Timed waits time out in
// virtual time when nothing else can run. Outside vthreads: the real functions.
#include <pthread.h>
#include <semaphore.h>

#include "sched/detail/interpose.h"
#include "util/check.h"

namespace contend::sched::detail {
extern const int kAnchorSync = 0;
}  // namespace contend::sched::detail

using namespace contend::sched::detail;
using contend::sched::EventKind;

namespace {
// glibc has two ABIs for condition variables; libstdc++ and C++ code use GLIBC_2.3.2.
CONTEND_REAL_FN(int, pthread_cond_wait, (pthread_cond_t*, pthread_mutex_t*), "GLIBC_2.3.2")
CONTEND_REAL_FN(int, pthread_cond_timedwait, (pthread_cond_t*, pthread_mutex_t*, const timespec*),
                "GLIBC_2.3.2")
CONTEND_REAL_FN(int, pthread_cond_clockwait,
                (pthread_cond_t*, pthread_mutex_t*, clockid_t, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_cond_signal, (pthread_cond_t*), "GLIBC_2.3.2")
CONTEND_REAL_FN(int, pthread_cond_broadcast, (pthread_cond_t*), "GLIBC_2.3.2")
CONTEND_REAL_FN(int, pthread_mutex_trylock, (pthread_mutex_t*), nullptr)
CONTEND_REAL_FN(int, pthread_mutex_unlock, (pthread_mutex_t*), nullptr)
CONTEND_REAL_FN(int, pthread_once, (pthread_once_t*, void (*)()), nullptr)
CONTEND_REAL_FN(int, pthread_barrier_init, (pthread_barrier_t*, const pthread_barrierattr_t*, unsigned), nullptr)
CONTEND_REAL_FN(int, pthread_barrier_destroy, (pthread_barrier_t*), nullptr)
CONTEND_REAL_FN(int, pthread_barrier_wait, (pthread_barrier_t*), nullptr)
CONTEND_REAL_FN(int, sem_wait, (sem_t*), nullptr)
CONTEND_REAL_FN(int, sem_trywait, (sem_t*), nullptr)
CONTEND_REAL_FN(int, sem_timedwait, (sem_t*, const timespec*), nullptr)
CONTEND_REAL_FN(int, sem_clockwait, (sem_t*, clockid_t, const timespec*), nullptr)
CONTEND_REAL_FN(int, sem_post, (sem_t*), nullptr)

int cond_wait(pthread_cond_t* c, pthread_mutex_t* m, uint64_t deadline, uintptr_t pc) {
  VThread* t = t_self;
  sync_point(t, EventKind::kWait, c, pc);
  real_pthread_mutex_unlock()(m);
  wake(m, WaitKind::kMutex);
  progress();
  const bool timed_out = block(t, WaitKind::kCond, c, deadline);
  lock_loop(t, WaitKind::kMutex, m, kNoDeadline, EBUSY,
            [m] { return real_pthread_mutex_trylock()(m); });
  return timed_out ? ETIMEDOUT : 0;
}

// Barrier counts live in a side table: the real pthread_barrier_t is opaque.
struct BarrierInfo {
  const void* addr = nullptr;
  unsigned count = 0;
  unsigned arrived = 0;
  uint64_t generation = 0;
};
constexpr int kMaxBarriers = 64;
BarrierInfo g_barriers[kMaxBarriers];
std::atomic_flag g_barrier_lock = ATOMIC_FLAG_INIT;  // guards the table against init/destroy

struct TableLock {
  TableLock() {
    while (g_barrier_lock.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~TableLock() { g_barrier_lock.clear(std::memory_order_release); }
};
BarrierInfo* find_barrier(const void* b) {
  for (auto& e : g_barriers) {
    if (e.addr == b) return &e;
  }
  return nullptr;
}

int sem_acquire(sem_t* s, uint64_t deadline, uintptr_t pc) {
  VThread* t = t_self;
  sync_point(t, EventKind::kLock, s, pc);
  for (;;) {
    if (real_sem_trywait()(s) == 0) return 0;
    if (errno != EAGAIN) return -1;
    if (block(t, WaitKind::kSem, s, deadline)) {
      errno = ETIMEDOUT;
      return -1;
    }
  }
}
}  // namespace

// ---- condition variables ----
extern "C" int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m) {
  if (t_self == nullptr) return real_pthread_cond_wait()(c, m);
  return cond_wait(c, m, kNoDeadline, CONTEND_CALLER_PC);
}
extern "C" int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_cond_timedwait()(c, m, abs);
  return cond_wait(c, m, deadline_abs(CLOCK_REALTIME, abs), CONTEND_CALLER_PC);
}
extern "C" int pthread_cond_clockwait(pthread_cond_t* c, pthread_mutex_t* m, clockid_t clk,
                                      const timespec* abs) {
  if (t_self == nullptr) return real_pthread_cond_clockwait()(c, m, clk, abs);
  return cond_wait(c, m, deadline_abs(clk, abs), CONTEND_CALLER_PC);
}
extern "C" int pthread_cond_signal(pthread_cond_t* c) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_cond_signal()(c);
  wake(c, WaitKind::kCond, 1);
  progress();
  sync_point(t, EventKind::kNotify, c, CONTEND_CALLER_PC);
  return 0;
}
extern "C" int pthread_cond_broadcast(pthread_cond_t* c) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_cond_broadcast()(c);
  wake(c, WaitKind::kCond);
  progress();
  sync_point(t, EventKind::kNotify, c, CONTEND_CALLER_PC);
  return 0;
}

// ---- once: 0 = not run, 1 = running (a vthread), 2 = done (glibc's DONE value) ----
extern "C" int pthread_once(pthread_once_t* o, void (*fn)()) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_once()(o, fn);
  sync_point(t, EventKind::kLock, o, CONTEND_CALLER_PC);
  for (;;) {
    int v = __atomic_load_n(o, __ATOMIC_ACQUIRE);
    if (v == 2) return 0;
    if (v == 0 && __atomic_compare_exchange_n(o, &v, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
      try {
        fn();
      } catch (...) {  // std::call_once: an exceptional initializer leaves the flag unset
        __atomic_store_n(o, 0, __ATOMIC_RELEASE);
        wake(o, WaitKind::kOnce);
        throw;
      }
      __atomic_store_n(o, 2, __ATOMIC_RELEASE);
      wake(o, WaitKind::kOnce);
      progress();
      return 0;
    }
    block(t, WaitKind::kOnce, o);
  }
}

// ---- barriers ----
extern "C" int pthread_barrier_init(pthread_barrier_t* b, const pthread_barrierattr_t* a,
                                    unsigned count) {
  const int r = real_pthread_barrier_init()(b, a, count);
  if (r == 0) {
    TableLock lock;
    BarrierInfo* e = find_barrier(b);
    if (e == nullptr) e = find_barrier(nullptr);
    CONTEND_CHECK(e != nullptr) << "more than " << kMaxBarriers << " live pthread barriers";
    *e = BarrierInfo{b, count, 0, 0};
  }
  return r;
}
extern "C" int pthread_barrier_destroy(pthread_barrier_t* b) {
  {
    TableLock lock;
    if (BarrierInfo* e = find_barrier(b)) *e = BarrierInfo{};
  }
  return real_pthread_barrier_destroy()(b);
}
extern "C" int pthread_barrier_wait(pthread_barrier_t* b) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_barrier_wait()(b);
  sync_point(t, EventKind::kWait, b, CONTEND_CALLER_PC);
  BarrierInfo* e;
  {
    TableLock lock;
    e = find_barrier(b);
  }
  CONTEND_CHECK(e != nullptr) << "pthread_barrier_wait on a barrier not initialized";
  if (++e->arrived == e->count) {
    e->arrived = 0;
    ++e->generation;
    wake(b, WaitKind::kBarrier);
    progress();
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  const uint64_t gen = e->generation;
  while (e->generation == gen) block(t, WaitKind::kBarrier, b);
  return 0;
}

// ---- semaphores ----
extern "C" int sem_wait(sem_t* s) {
  if (t_self == nullptr) return real_sem_wait()(s);
  return sem_acquire(s, kNoDeadline, CONTEND_CALLER_PC);
}
extern "C" int sem_timedwait(sem_t* s, const timespec* abs) {
  if (t_self == nullptr) return real_sem_timedwait()(s, abs);
  return sem_acquire(s, deadline_abs(CLOCK_REALTIME, abs), CONTEND_CALLER_PC);
}
extern "C" int sem_clockwait(sem_t* s, clockid_t c, const timespec* abs) {
  if (t_self == nullptr) return real_sem_clockwait()(s, c, abs);
  return sem_acquire(s, deadline_abs(c, abs), CONTEND_CALLER_PC);
}
extern "C" int sem_trywait(sem_t* s) {
  VThread* t = t_self;
  if (t == nullptr) return real_sem_trywait()(s);
  sync_point(t, EventKind::kLock, s, CONTEND_CALLER_PC);
  const int r = real_sem_trywait()(s);
  if (r != 0) observe(t, s, EAGAIN);
  return r;
}
extern "C" int sem_post(sem_t* s) {
  const int r = real_sem_post()(s);
  if (VThread* t = t_self) {
    wake(s, WaitKind::kSem);
    progress();
    sync_point(t, EventKind::kNotify, s, CONTEND_CALLER_PC);
  }
  return r;
}
