// Blocking-primitive scenarios (see scenarios.h): each exercises one interposed primitive from
// real libstdc++/glibc code paths and checks the result. Compiled instrumented.
#include <pthread.h>
#include <semaphore.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <latch>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

#include "sched/annotate.h"
#include "sched/testing/scenarios.h"

namespace contend::sched::testing {
namespace {

using namespace std::chrono_literals;
using Bodies = std::vector<std::function<void()>>;

ScenarioRun verdict(ExecResult exec, bool ok, std::string detail) {
  ScenarioRun r{std::move(exec), false, {}};
  if (r.exec.outcome == Outcome::kOk && !ok) {
    r.violation = true;
    r.detail = std::move(detail);
  }
  return r;
}

ScenarioRun condvar(Strategy& st, const ExecOptions& o) {
  struct S { std::mutex mu; std::condition_variable cv; std::deque<int> q; long sum = 0; };
  auto* s = new S;
  Bodies b;
  b.emplace_back([s] {
    for (int i = 1; i <= 6; ++i) {
      annotate_op("produce");
      { std::lock_guard l(s->mu); s->q.push_back(i); }
      s->cv.notify_one();
    }
  });
  for (int c = 0; c < 2; ++c) {
    b.emplace_back([s] {
      for (int i = 0; i < 3; ++i) {
        annotate_op("consume");
        std::unique_lock l(s->mu);
        s->cv.wait(l, [s] { return !s->q.empty(); });
        s->sum += s->q.front();
        s->q.pop_front();
      }
    });
  }
  auto r = verdict(run_controlled(b, st, o), s->sum == 21, "sum " + std::to_string(s->sum));
  if (!r.failed()) delete s;
  return r;
}

ScenarioRun condvar_timeout(Strategy& st, const ExecOptions& o) {
  struct S { std::mutex mu; std::condition_variable cv; bool timed_out = false; long waited = 0; };
  auto* s = new S;
  Bodies b;
  b.emplace_back([s] {
    std::unique_lock l(s->mu);
    const auto t0 = std::chrono::steady_clock::now();
    s->timed_out = s->cv.wait_for(l, 5ms) == std::cv_status::timeout;
    s->waited = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - t0).count();
  });
  b.emplace_back([] {});
  auto r = verdict(run_controlled(b, st, o), s->timed_out && s->waited >= 5000,
                   "timed_out=" + std::to_string(s->timed_out) + " waited_us=" +
                       std::to_string(s->waited));
  if (!r.failed()) delete s;
  return r;
}

ScenarioRun semaphore(Strategy& st, const ExecOptions& o) {
  struct S { std::counting_semaphore<4> sem{0}; std::atomic<int> got{0}; };
  auto* s = new S;
  Bodies b;
  b.emplace_back([s] { for (int i = 0; i < 4; ++i) { s->sem.acquire(); s->got.fetch_add(1); } });
  b.emplace_back([s] { for (int i = 0; i < 4; ++i) s->sem.release(); });
  auto r = verdict(run_controlled(b, st, o), s->got.load() == 4, "got " + std::to_string(s->got));
  if (!r.failed()) delete s;
  return r;
}

ScenarioRun atomic_wait(Strategy& st, const ExecOptions& o) {
  auto* flag = new std::atomic<int>(0);
  Bodies b;
  b.emplace_back([flag] { flag->wait(0); flag->wait(1); });
  b.emplace_back([flag] { flag->store(1); flag->notify_all(); flag->store(2); flag->notify_all(); });
  auto r = verdict(run_controlled(b, st, o), flag->load() == 2, "flag");
  if (!r.failed()) delete flag;
  return r;
}

ScenarioRun latch(Strategy& st, const ExecOptions& o) {
  struct S { std::latch l{3}; std::atomic<int> before{0}; int seen[3] = {}; };
  auto* s = new S;
  Bodies b;
  for (int t = 0; t < 3; ++t) {
    b.emplace_back([s, t] { s->before.fetch_add(1); s->l.arrive_and_wait(); s->seen[t] = s->before.load(); });
  }
  auto r = verdict(run_controlled(b, st, o), s->seen[0] == 3 && s->seen[1] == 3 && s->seen[2] == 3,
                   "a thread passed the latch early");
  if (!r.failed()) delete s;
  return r;
}

ScenarioRun posix_sem(Strategy& st, const ExecOptions& o) {
  struct S { sem_t sem; int got = 0; };
  auto* s = new S;
  sem_init(&s->sem, 0, 0);
  Bodies b;
  b.emplace_back([s] { for (int i = 0; i < 3; ++i) { sem_wait(&s->sem); ++s->got; } });
  b.emplace_back([s] { for (int i = 0; i < 3; ++i) sem_post(&s->sem); });
  auto r = verdict(run_controlled(b, st, o), s->got == 3, "got " + std::to_string(s->got));
  if (!r.failed()) { sem_destroy(&s->sem); delete s; }
  return r;
}

ScenarioRun pthread_barrier(Strategy& st, const ExecOptions& o) {
  struct S { pthread_barrier_t bar; std::atomic<int> phase1{0}; int seen[3] = {}; int serial = 0; };
  auto* s = new S;
  pthread_barrier_init(&s->bar, nullptr, 3);
  Bodies b;
  for (int t = 0; t < 3; ++t) {
    b.emplace_back([s, t] {
      s->phase1.fetch_add(1);
      if (pthread_barrier_wait(&s->bar) == PTHREAD_BARRIER_SERIAL_THREAD) ++s->serial;
      s->seen[t] = s->phase1.load();
      if (pthread_barrier_wait(&s->bar) == PTHREAD_BARRIER_SERIAL_THREAD) ++s->serial;
    });
  }
  auto r = verdict(run_controlled(b, st, o),
                   s->seen[0] == 3 && s->seen[1] == 3 && s->seen[2] == 3 && s->serial == 2,
                   "barrier let a thread through early or serial count " + std::to_string(s->serial));
  if (!r.failed()) { pthread_barrier_destroy(&s->bar); delete s; }
  return r;
}

ScenarioRun call_once(Strategy& st, const ExecOptions& o) {
  struct S { std::once_flag once; std::atomic<int> calls{0}; int value = 0; int seen[2] = {}; };
  auto* s = new S;
  Bodies b;
  for (int t = 0; t < 2; ++t) {
    b.emplace_back([s, t] {
      std::call_once(s->once, [s] {
        s->calls.fetch_add(1);
        for (int i = 0; i < 10; ++i) std::atomic_thread_fence(std::memory_order_seq_cst);
        s->value = 42;
      });
      s->seen[t] = s->value;
    });
  }
  auto r = verdict(run_controlled(b, st, o), s->calls == 1 && s->seen[0] == 42 && s->seen[1] == 42,
                   "call_once ran " + std::to_string(s->calls) + " times");
  if (!r.failed()) delete s;
  return r;
}

std::atomic<int> g_static_inits{0};
int slow_static() {
  static const int v = [] {
    g_static_inits.fetch_add(1);
    for (int i = 0; i < 10; ++i) std::atomic_thread_fence(std::memory_order_seq_cst);
    return 7;
  }();
  return v;
}

ScenarioRun static_init(Strategy& st, const ExecOptions& o) {
  // The guard is initialized once per process; later executions take the fast path.
  auto* seen = new int[2]{};
  Bodies b;
  for (int t = 0; t < 2; ++t) b.emplace_back([seen, t] { seen[t] = slow_static(); });
  auto r = verdict(run_controlled(b, st, o),
                   seen[0] == 7 && seen[1] == 7 && g_static_inits.load() == 1, "static init");
  if (!r.failed()) delete[] seen;
  return r;
}

ScenarioRun spinlock(Strategy& st, const ExecOptions& o) {
  struct S { pthread_spinlock_t lock; long n = 0; };
  auto* s = new S;
  pthread_spin_init(&s->lock, 0);
  Bodies b;
  for (int t = 0; t < 2; ++t) {
    b.emplace_back([s] {
      for (int i = 0; i < 5; ++i) {
        pthread_spin_lock(&s->lock);
        const long v = s->n;
        std::atomic_thread_fence(std::memory_order_seq_cst);  // a point inside the section
        s->n = v + 1;
        pthread_spin_unlock(&s->lock);
      }
    });
  }
  auto r = verdict(run_controlled(b, st, o), s->n == 10, "n " + std::to_string(s->n));
  if (!r.failed()) delete s;
  return r;
}

ScenarioRun timed_mutex(Strategy& st, const ExecOptions& o) {
  struct S { std::timed_mutex mu; std::atomic<bool> held{false}; bool got = true; };
  auto* s = new S;
  Bodies b;
  b.emplace_back([s] {
    std::lock_guard l(s->mu);
    s->held.store(true);
    std::this_thread::sleep_for(50ms);  // virtual: the other side's 1 ms timeout fires first
  });
  b.emplace_back([s] {
    while (!s->held.load()) std::this_thread::yield();
    s->got = s->mu.try_lock_for(1ms);
    if (s->got) s->mu.unlock();
  });
  auto r = verdict(run_controlled(b, st, o), !s->got, "try_lock_for acquired a held mutex");
  if (!r.failed()) delete s;
  return r;
}

ScenarioRun sleep_clock(Strategy& st, const ExecOptions& o) {
  struct S { long slept_us = 0; int ticks = 0; };
  auto* s = new S;
  Bodies b;
  b.emplace_back([s] {
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(10s);  // virtual: a real sleep would be unmistakable
    s->slept_us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - t0).count();
  });
  b.emplace_back([s] {
    for (int i = 0; i < 3; ++i) { std::this_thread::sleep_for(1ms); ++s->ticks; }
  });
  const auto t0 = std::chrono::steady_clock::now();
  auto r = verdict(run_controlled(b, st, o), s->slept_us >= 10'000'000 && s->slept_us < 10'000'100 && s->ticks == 3,
                   "slept " + std::to_string(s->slept_us) + " us of virtual time");
  // Virtual sleeps must not take real time.
  if (!r.failed() && std::chrono::steady_clock::now() - t0 > 2s) {
    r.violation = true;
    r.detail = "virtual sleep took real time";
  }
  if (!r.failed()) delete s;
  return r;
}

}  // namespace

std::string_view primitive_name(Primitive p) {
  static constexpr std::string_view kNames[] = {
      "condvar", "condvar_timeout", "semaphore", "atomic_wait", "latch", "posix_sem",
      "pthread_barrier", "call_once", "static_init", "spinlock", "timed_mutex", "sleep_clock"};
  return kNames[static_cast<int>(p)];
}

ScenarioRun run_primitive(Primitive p, Strategy& st, const ExecOptions& o) {
  switch (p) {
    case Primitive::kCondvar: return condvar(st, o);
    case Primitive::kCondvarTimeout: return condvar_timeout(st, o);
    case Primitive::kSemaphore: return semaphore(st, o);
    case Primitive::kAtomicWait: return atomic_wait(st, o);
    case Primitive::kLatch: return latch(st, o);
    case Primitive::kPosixSem: return posix_sem(st, o);
    case Primitive::kPthreadBarrier: return pthread_barrier(st, o);
    case Primitive::kCallOnce: return call_once(st, o);
    case Primitive::kStaticInit: return static_init(st, o);
    case Primitive::kSpinlock: return spinlock(st, o);
    case Primitive::kTimedMutex: return timed_mutex(st, o);
    case Primitive::kSleepClock: return sleep_clock(st, o);
  }
  return {};
}

}  // namespace contend::sched::testing
