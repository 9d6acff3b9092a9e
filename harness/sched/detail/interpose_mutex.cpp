// Interposed pthread mutex, rwlock and spinlock. In a vthread, acquiring loops on the real
// try-variant; on EBUSY the thread blocks on the lock object and the token moves on, and every
// release wakes that object's waiters (they retry). Acquire is a schedule point before trying,
// release one after releasing (both only for calls from the executable). Timed variants time
// out in virtual time, when nothing else can run. Outside vthreads: the real functions.
#include <pthread.h>

#include "sched/detail/interpose.h"

namespace contend::sched::detail {
extern const int kAnchorMutex = 0;
}  // namespace contend::sched::detail

using namespace contend::sched::detail;
using contend::sched::EventKind;

namespace {
CONTEND_REAL_FN(int, pthread_mutex_lock, (pthread_mutex_t*), nullptr)
CONTEND_REAL_FN(int, pthread_mutex_trylock, (pthread_mutex_t*), nullptr)
CONTEND_REAL_FN(int, pthread_mutex_timedlock, (pthread_mutex_t*, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_mutex_clocklock, (pthread_mutex_t*, clockid_t, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_mutex_unlock, (pthread_mutex_t*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_rdlock, (pthread_rwlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_wrlock, (pthread_rwlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_trywrlock, (pthread_rwlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_timedrdlock, (pthread_rwlock_t*, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_timedwrlock, (pthread_rwlock_t*, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_clockrdlock, (pthread_rwlock_t*, clockid_t, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_clockwrlock, (pthread_rwlock_t*, clockid_t, const timespec*), nullptr)
CONTEND_REAL_FN(int, pthread_rwlock_unlock, (pthread_rwlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_spin_lock, (pthread_spinlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_spin_trylock, (pthread_spinlock_t*), nullptr)
CONTEND_REAL_FN(int, pthread_spin_unlock, (pthread_spinlock_t*), nullptr)

// A failed try-lock is a non-modifying observation: repeated ones count as a spin.
int observed_try(VThread* t, const void* obj, int r) {
  if (r == EBUSY) observe(t, obj, EBUSY);
  return r;
}

template <class Try>
int acquire(const void* obj, WaitKind k, uint64_t deadline, uintptr_t pc, Try try_fn) {
  VThread* t = t_self;
  sync_point(t, EventKind::kLock, const_cast<void*>(obj), pc);
  return lock_loop(t, k, obj, deadline, EBUSY, try_fn);
}
}  // namespace

// ---- mutex ----
extern "C" int pthread_mutex_lock(pthread_mutex_t* m) {
  if (t_self == nullptr) return real_pthread_mutex_lock()(m);
  return acquire(m, WaitKind::kMutex, kNoDeadline, CONTEND_CALLER_PC,
                 [m] { return real_pthread_mutex_trylock()(m); });
}
extern "C" int pthread_mutex_trylock(pthread_mutex_t* m) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_mutex_trylock()(m);
  sync_point(t, EventKind::kLock, m, CONTEND_CALLER_PC);
  return observed_try(t, m, real_pthread_mutex_trylock()(m));
}
extern "C" int pthread_mutex_timedlock(pthread_mutex_t* m, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_mutex_timedlock()(m, abs);
  return acquire(m, WaitKind::kMutex, deadline_abs(CLOCK_REALTIME, abs), CONTEND_CALLER_PC,
                 [m] { return real_pthread_mutex_trylock()(m); });
}
extern "C" int pthread_mutex_clocklock(pthread_mutex_t* m, clockid_t c, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_mutex_clocklock()(m, c, abs);
  return acquire(m, WaitKind::kMutex, deadline_abs(c, abs), CONTEND_CALLER_PC,
                 [m] { return real_pthread_mutex_trylock()(m); });
}
extern "C" int pthread_mutex_unlock(pthread_mutex_t* m) {
  const int r = real_pthread_mutex_unlock()(m);
  if (VThread* t = t_self) released(t, WaitKind::kMutex, m, CONTEND_CALLER_PC);
  return r;
}

// ---- rwlock ----
extern "C" int pthread_rwlock_rdlock(pthread_rwlock_t* l) {
  if (t_self == nullptr) return real_pthread_rwlock_rdlock()(l);
  return acquire(l, WaitKind::kRwlock, kNoDeadline, CONTEND_CALLER_PC,
                 [l] { return real_pthread_rwlock_tryrdlock()(l); });
}
extern "C" int pthread_rwlock_wrlock(pthread_rwlock_t* l) {
  if (t_self == nullptr) return real_pthread_rwlock_wrlock()(l);
  return acquire(l, WaitKind::kRwlock, kNoDeadline, CONTEND_CALLER_PC,
                 [l] { return real_pthread_rwlock_trywrlock()(l); });
}
extern "C" int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_rwlock_tryrdlock()(l);
  sync_point(t, EventKind::kLock, l, CONTEND_CALLER_PC);
  return observed_try(t, l, real_pthread_rwlock_tryrdlock()(l));
}
extern "C" int pthread_rwlock_trywrlock(pthread_rwlock_t* l) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_rwlock_trywrlock()(l);
  sync_point(t, EventKind::kLock, l, CONTEND_CALLER_PC);
  return observed_try(t, l, real_pthread_rwlock_trywrlock()(l));
}
extern "C" int pthread_rwlock_timedrdlock(pthread_rwlock_t* l, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_rwlock_timedrdlock()(l, abs);
  return acquire(l, WaitKind::kRwlock, deadline_abs(CLOCK_REALTIME, abs), CONTEND_CALLER_PC,
                 [l] { return real_pthread_rwlock_tryrdlock()(l); });
}
extern "C" int pthread_rwlock_timedwrlock(pthread_rwlock_t* l, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_rwlock_timedwrlock()(l, abs);
  return acquire(l, WaitKind::kRwlock, deadline_abs(CLOCK_REALTIME, abs), CONTEND_CALLER_PC,
                 [l] { return real_pthread_rwlock_trywrlock()(l); });
}
extern "C" int pthread_rwlock_clockrdlock(pthread_rwlock_t* l, clockid_t c, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_rwlock_clockrdlock()(l, c, abs);
  return acquire(l, WaitKind::kRwlock, deadline_abs(c, abs), CONTEND_CALLER_PC,
                 [l] { return real_pthread_rwlock_tryrdlock()(l); });
}
extern "C" int pthread_rwlock_clockwrlock(pthread_rwlock_t* l, clockid_t c, const timespec* abs) {
  if (t_self == nullptr) return real_pthread_rwlock_clockwrlock()(l, c, abs);
  return acquire(l, WaitKind::kRwlock, deadline_abs(c, abs), CONTEND_CALLER_PC,
                 [l] { return real_pthread_rwlock_trywrlock()(l); });
}
extern "C" int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  const int r = real_pthread_rwlock_unlock()(l);
  if (VThread* t = t_self) released(t, WaitKind::kRwlock, l, CONTEND_CALLER_PC);
  return r;
}

// ---- spinlock (glibc's spins without yielding: it would hang on a descheduled holder) ----
extern "C" int pthread_spin_lock(pthread_spinlock_t* s) {
  if (t_self == nullptr) return real_pthread_spin_lock()(s);
  return acquire(const_cast<const int*>(s), WaitKind::kSpin, kNoDeadline, CONTEND_CALLER_PC,
                 [s] { return real_pthread_spin_trylock()(s); });
}
extern "C" int pthread_spin_trylock(pthread_spinlock_t* s) {
  VThread* t = t_self;
  if (t == nullptr) return real_pthread_spin_trylock()(s);
  sync_point(t, EventKind::kLock, const_cast<int*>(s), CONTEND_CALLER_PC);
  return observed_try(t, const_cast<int*>(s), real_pthread_spin_trylock()(s));
}
extern "C" int pthread_spin_unlock(pthread_spinlock_t* s) {
  const int r = real_pthread_spin_unlock()(s);
  if (VThread* t = t_self) released(t, WaitKind::kSpin, const_cast<int*>(s), CONTEND_CALLER_PC);
  return r;
}
