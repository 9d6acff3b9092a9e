// Scheduler core: decisions, blocking, waking, timeouts in virtual time, yields, deadlock and
// livelock detection. Everything here runs on the token holder (see runtime.h).
#include "sched/detail/runtime.h"

#include <cinttypes>
#include <cstdio>

#include "util/check.h"

namespace contend::sched::detail {

Runtime g_rt;
constinit thread_local VThread* t_self __attribute__((tls_model("initial-exec"))) = nullptr;

const char* wait_kind_name(WaitKind k) {
  static const char* const kNames[] = {"nothing", "mutex",   "rwlock", "spinlock",
                                       "condvar", "futex",   "once",   "static-init guard",
                                       "semaphore", "barrier", "sleep"};
  return kNames[static_cast<int>(k)];
}

namespace {

void make_runnable(VThread* t, bool timed_out) {
  if (t->deadline != kNoDeadline) --g_rt.timed_waiters;
  t->state = ThreadState::kRunnable;
  t->deadline = kNoDeadline;
  t->timed_out = timed_out;
  if (g_rt.tracing) record_event(t, EventKind::kWake, t->wait_obj, 0);
}

// Wakes every timed waiter whose deadline has passed.
void expire_timeouts() {
  const uint64_t now = vnow();
  for (uint32_t i = 0; i < g_rt.n; ++i) {
    VThread* t = g_rt.threads[i];
    if (t->state == ThreadState::kBlocked && t->deadline <= now) make_runnable(t, true);
  }
}

// Nothing else can run: jump virtual time to the earliest deadline and time that waiter out.
void fire_earliest_timeout() {
  VThread* first = nullptr;
  for (uint32_t i = 0; i < g_rt.n; ++i) {
    VThread* t = g_rt.threads[i];
    if (t->state == ThreadState::kBlocked && t->deadline != kNoDeadline &&
        (first == nullptr || t->deadline < first->deadline)) {
      first = t;
    }
  }
  CONTEND_CHECK(first != nullptr) << "timed_waiters out of sync";
  const uint64_t now = vnow();
  if (first->deadline > now) g_rt.vtime_skip += first->deadline - now;
  expire_timeouts();
}

std::string describe_thread(const VThread* t) {
  char buf[160];
  std::string s = "T" + std::to_string(t->tid);
  if (!t->op.empty()) s += " [" + t->op + "]";
  switch (t->state) {
    case ThreadState::kFinished: return s + " finished";
    case ThreadState::kRunnable: return s + " runnable";
    case ThreadState::kBlocked:
      std::snprintf(buf, sizeof buf, " blocked on %s %p", wait_kind_name(t->wait_kind),
                    t->wait_obj);
      return s + buf;
  }
  return s;
}

std::string deadlock_message() {
  std::string m = "every unfinished thread is blocked:";
  for (uint32_t i = 0; i < g_rt.n; ++i) m += "\n  " + describe_thread(g_rt.threads[i]);
  return m;
}

// Asks the strategy who runs next and hands the token over. `self` is the token holder (nullptr
// at the start); unless it finished, it waits here until it is granted again.
void reschedule(VThread* self, PickReason reason) {
  Runtime& r = g_rt;
  uint32_t elig[kMaxThreads];
  uint32_t ne = 0;
  for (;;) {
    if (r.timed_waiters != 0) expire_timeouts();
    ne = 0;
    bool any_runnable = false, all_finished = true;
    for (uint32_t i = 0; i < r.n; ++i) {
      const VThread* t = r.threads[i];
      if (t->state != ThreadState::kFinished) all_finished = false;
      if (t->state != ThreadState::kRunnable) continue;
      any_runnable = true;
      if (t->yield_epoch != r.progress_epoch) elig[ne++] = i;
    }
    if (ne != 0) break;
    if (r.timed_waiters != 0) {  // sleepers and timed waits fire when nothing else can go on
      fire_earliest_timeout();
      continue;
    }
    if (any_runnable) {  // everyone yielded: forgive them all (livelock counted in yield())
      for (uint32_t i = 0; i < r.n; ++i) r.threads[i]->yield_epoch = UINT64_MAX;
      continue;
    }
    if (all_finished) {
      CONTEND_CHECK(reason == PickReason::kFinish);
      r.cur = -1;
      r.ended = true;
      grant(main_word());  // no syscall if self is vthread 0: the caller is not asleep
      return;
    }
    CONTEND_CHECK(self != nullptr);
    end_abnormal(self, Outcome::kDeadlock, deadlock_message());
  }
  const Pick p = r.strategy->pick(PickRequest{{elig, ne}, r.cur, reason, r.points});
  bool ok = false;
  for (uint32_t i = 0; i < ne; ++i) ok |= elig[i] == p.thread;
  CONTEND_CHECK(ok) << "strategy " << r.strategy->name() << " picked ineligible thread "
                    << p.thread;
  r.result->schedule.decisions.push_back(Decision{p.thread, p.budget, r.points});
  const uint64_t left = r.max_points > r.points ? r.max_points - r.points : 1;
  r.budget = (p.budget == kNoPreemption || p.budget > left) ? left : p.budget;
  if (static_cast<int>(p.thread) == r.cur) return;
  ++r.switches;
  if (reason == PickReason::kPreempt) ++r.preemptions;
  r.cur = static_cast<int>(p.thread);
  grant(r.threads[p.thread]->word);
  if (self == nullptr || reason == PickReason::kFinish) return;
  wait_token(self->word);
  // The execution ended while self waited (abandoned by run_controlled, or, for vthread 0, ended
  // by another thread): leave the body without running any more of it.
  if (r.ended) siglongjmp(self->jb, 1);
}

}  // namespace

void record_event(VThread* t, EventKind k, const void* addr, uintptr_t pc) {
  NoReentry guard;
  g_rt.result->trace.events.push_back(
      TraceEvent{g_rt.points, t->op_id, static_cast<uint16_t>(t->tid), k, addr, pc});
}

void preempt(VThread* t) {
  NoReentry guard;
  if (g_rt.points >= g_rt.max_points) {
    end_abnormal(t, Outcome::kStepLimit,
                 "more than " + std::to_string(g_rt.max_points) +
                     " schedule points (step-limit watchdog); last running " + describe_thread(t));
  }
  reschedule(t, PickReason::kPreempt);
}

void spin_check(VThread* t, const void*, uint64_t) {
  t->spin_count = 0;
  yield(t);
}

bool block(VThread* t, WaitKind k, const void* obj, uint64_t deadline, uint32_t bitset) {
  NoReentry guard;
  Runtime& r = g_rt;
  t->state = ThreadState::kBlocked;
  t->wait_kind = k;
  t->wait_obj = obj;
  t->deadline = deadline;
  t->bitset = bitset;
  t->ticket = ++r.tickets;
  t->timed_out = false;
  t->spin_addr = nullptr;
  if (deadline != kNoDeadline) ++r.timed_waiters;
  if (r.tracing) record_event(t, EventKind::kBlock, obj, 0);
  reschedule(t, PickReason::kBlock);
  t->wait_kind = WaitKind::kNone;
  t->wait_obj = nullptr;
  return t->timed_out;
}

uint32_t wake(const void* obj, WaitKind k, uint32_t max, uint32_t bitset) {
  NoReentry guard;
  uint32_t woken = 0;
  while (woken < max) {
    VThread* first = nullptr;
    for (uint32_t i = 0; i < g_rt.n; ++i) {
      VThread* t = g_rt.threads[i];
      if (t->state == ThreadState::kBlocked && t->wait_obj == obj && t->wait_kind == k &&
          (t->bitset & bitset) != 0 && (first == nullptr || t->ticket < first->ticket)) {
        first = t;
      }
    }
    if (first == nullptr) break;
    make_runnable(first, false);
    ++woken;
  }
  if (woken != 0) progress();
  return woken;
}

void yield(VThread* t) {
  NoReentry guard;
  Runtime& r = g_rt;
  t->yield_epoch = r.progress_epoch;
  t->spin_addr = nullptr;
  if (++r.no_progress_yields > r.livelock_yields) {
    end_abnormal(t, Outcome::kLivelock,
                 std::to_string(r.livelock_yields) +
                     " yields/spins in a row without progress by any thread; last " +
                     describe_thread(t));
  }
  if (r.tracing) record_event(t, EventKind::kYield, nullptr, 0);
  reschedule(t, PickReason::kYield);
}

void finish(VThread* t) {
  NoReentry guard;
  t->state = ThreadState::kFinished;
  progress();
  reschedule(t, PickReason::kFinish);
}

void start_execution() { reschedule(nullptr, PickReason::kStart); }

void end_abnormal(VThread* t, Outcome o, std::string message) {
  t_self = nullptr;  // never returns; the worker loop resets t_self anyway
  ExecResult& res = *g_rt.result;
  if (res.outcome == Outcome::kOk) {
    res.outcome = o;
    res.message = std::move(message);
  }
  g_rt.ended = true;
  siglongjmp(t->jb, 1);
}

}  // namespace contend::sched::detail
