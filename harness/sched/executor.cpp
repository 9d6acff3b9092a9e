// run_controlled: the persistent worker pool, CPU pinning, crash signals and the start/end
// protocol of one controlled execution. The scheduling logic itself is in detail/runtime.cpp.
#include "sched/executor.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <vector>

#include "sched/annotate.h"
#include "sched/detail/runtime.h"
#include "util/check.h"

namespace contend::sched {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kCrash: return "crash";
    case Outcome::kDeadlock: return "deadlock";
    case Outcome::kLivelock: return "livelock";
    case Outcome::kStepLimit: return "step_limit";
  }
  return "?";
}

ExitCode outcome_exit_code(Outcome o) {
  switch (o) {
    case Outcome::kOk: return ExitCode::kOk;
    case Outcome::kCrash: return ExitCode::kCrash;
    case Outcome::kDeadlock: return ExitCode::kDeadlock;
    case Outcome::kLivelock:
    case Outcome::kStepLimit: return ExitCode::kLivelock;
  }
  return ExitCode::kInternal;
}

void annotate_op(std::string_view label) {
  detail::VThread* t = detail::t_self;
  if (t == nullptr) return;
  detail::NoReentry guard;
  t->op.assign(label);
  if (detail::g_rt.tracing) {
    auto& ops = detail::g_rt.result->trace.ops;
    t->op_id = static_cast<uint32_t>(ops.size());
    ops.emplace_back(label);
  }
}

void annotate_op(std::string_view op, long key) {
  if (detail::t_self == nullptr) return;
  char buf[96];
  const size_t n = std::min(op.size(), sizeof buf - 32);
  std::memcpy(buf, op.data(), n);
  std::memcpy(buf + n, "(k=", 3);
  char* end = std::to_chars(buf + n + 3, buf + sizeof buf - 1, key).ptr;
  *end++ = ')';
  annotate_op(std::string_view(buf, static_cast<size_t>(end - buf)));
}

void clear_op() {
  if (detail::VThread* t = detail::t_self) {
    detail::NoReentry guard;
    t->op.clear();
    t->op_id = kNoOp;
  }
}

bool in_controlled_thread() { return detail::t_self != nullptr; }
int current_vthread() { return detail::t_self ? static_cast<int>(detail::t_self->tid) : -1; }
uint64_t execution_step() { return detail::t_self ? detail::g_rt.points : 0; }

namespace detail {

// Interposer objects are referenced by nothing else in a program (libstdc++.so, libtbb.so bind
// to them dynamically); these references make a static link always pull them in.
extern const int kAnchorMutex, kAnchorSync, kAnchorSys;
[[gnu::used]] const int* const kInterposerAnchors[] = {&kAnchorMutex, &kAnchorSync, &kAnchorSys};

namespace {

// Pool: slot i >= 1 runs vthread i of every execution on its own thread; slot 0 is vthread 0,
// run by the caller of run_controlled itself. Slots are leaked on purpose: their threads sleep in
// the kernel on words inside them until process exit.
std::vector<VThread*> g_pool;
int g_pinned_cpu = kPinNone;
std::atomic<bool> g_busy{false};

// Crash bookkeeping written by the signal handler (no allocation there: the heap may be broken).
volatile sig_atomic_t g_crash_sig = 0;
volatile int g_crash_tid = -1;
void* volatile g_crash_addr = nullptr;
std::string g_exception_what;

constexpr int kCrashSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
struct sigaction g_old_actions[65];
bool g_handlers_installed = false;

void on_crash_signal(int sig, siginfo_t* si, void*) {
  VThread* t = t_self;
  if (t == nullptr || !g_rt.active || g_rt.aborting) {
    // Not ours: restore the previous disposition; the fault re-executes (abort re-raises).
    sigaction(sig, &g_old_actions[sig], nullptr);
    return;
  }
  g_crash_sig = sig;
  g_crash_tid = static_cast<int>(t->tid);
  g_crash_addr = si ? si->si_addr : nullptr;
  siglongjmp(t->jb, 2);
}

void install_handlers() {
  if (g_handlers_installed) return;
  g_handlers_installed = true;
  struct sigaction sa {};
  sa.sa_sigaction = on_crash_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;  // NODEFER: we leave by siglongjmp without a saved mask
  sigemptyset(&sa.sa_mask);
  for (int s : kCrashSignals) sigaction(s, &sa, &g_old_actions[s]);
}

void pin_self(int cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

// Runs vt's body; the caller holds the token as vt. Returns true if the body returned (finish()
// has handed the token on), false if it was abandoned: by end_abnormal (vt detected the end), by
// a crash signal, or because the execution ended while vt waited for the token. The caller then
// holds the token with Runtime::ended set. sigsetjmp's frame is this one, live while the body runs.
bool run_body(VThread* vt) {
  if (sigsetjmp(vt->jb, 0) != 0) {
    t_self = nullptr;
    vt->unwound = true;
    g_rt.ended = true;  // already set by end_abnormal; a crash signal jumps here directly
    return false;
  }
  t_self = vt;
  bool threw = false;
  try {
    (*vt->body)();
  } catch (const std::exception& e) {
    threw = true;
    g_exception_what = e.what();
  } catch (...) {
    threw = true;
    g_exception_what = "(not a std::exception)";
  }
  if (threw) {
    t_self = nullptr;
    end_abnormal(vt, Outcome::kCrash,
                 "T" + std::to_string(vt->tid) + " threw an uncaught exception: " +
                     g_exception_what);
  }
  t_self = nullptr;
  finish(vt);  // hands the token on (to run_controlled's caller if this was the last body)
  return true;
}

// Pool thread of vthread vt->tid >= 1 of every execution.
void* worker_main(void* arg) {
  VThread* const vt = static_cast<VThread*>(arg);
  pin_self(g_pinned_cpu);
  for (;;) {
    wait_token(vt->word);
    if (g_rt.ended) {
      vt->unwound = true;  // abandoned before it ever ran
    } else if (run_body(vt)) {
      continue;  // the token went on; sleep until the next execution
    }
    // Ended while vt held the token: run_controlled is waiting for it.
    grant(main_word());
  }
  return nullptr;
}

void reset_pool_after_fork() {
  // The child has no pool threads; leak the slots (their memory is a copy) and start over.
  g_pool.clear();
  g_busy.store(false);
}

void ensure_pool(uint32_t n) {
  static std::once_flag atfork_once;
  std::call_once(atfork_once, [] { pthread_atfork(nullptr, nullptr, reset_pool_after_fork); });
  if (g_pool.empty()) g_pool.push_back(new VThread);  // vthread 0: the caller, no OS thread
  while (g_pool.size() < n) {
    auto* vt = new VThread;
    vt->tid = static_cast<uint32_t>(g_pool.size());
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8 << 20);
    CONTEND_CHECK(pthread_create(&th, &attr, worker_main, vt) == 0) << "cannot create vthread";
    pthread_attr_destroy(&attr);
    g_pool.push_back(vt);
  }
}

void ensure_pinned(int want) {
  // Only the first pinning request takes effect: pool threads pin themselves when created.
  // Checked first, so the steady state costs no sched_getaffinity syscall per execution.
  if (g_pinned_cpu >= 0) return;
  int cpu = want;
  if (want == kPinAuto) {
    cpu_set_t set;
    CPU_ZERO(&set);
    cpu = 0;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
      while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &set)) ++cpu;
    }
  }
  if (cpu < 0) return;
  g_pinned_cpu = cpu;
  pin_self(cpu);
}

const char* signal_name(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
  }
  return "signal";
}

ThreadReport report_thread(const VThread* t) {
  ThreadReport rep;
  rep.tid = t->tid;
  rep.op = t->op;
  if (t->state == ThreadState::kFinished) {
    rep.state = "finished";
  } else if (t->state == ThreadState::kRunnable) {
    rep.state = "runnable";
  } else {
    rep.state = "blocked";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s %p", wait_kind_name(t->wait_kind), t->wait_obj);
    rep.waits_on = buf;
  }
  return rep;
}

}  // namespace
}  // namespace detail

namespace {

// Interval-timer signals stay blocked on the caller for the whole execution (it runs vthread 0)
// and forever on pool threads (created under this mask, so they inherit it). A handler running on
// a vthread would read the virtual clocks: libFuzzer's -timeout alarm computed "now - unit start"
// from the fixed virtual epoch and reported a timeout of -95370908 s on std_mutex_map. Blocked,
// the alarm is delivered when the execution returns and measures real time; hangs inside an
// execution are the step-limit and livelock watchdogs' job.
class TimerSignalsBlocked {
 public:
  TimerSignalsBlocked() {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGALRM);
    sigaddset(&s, SIGVTALRM);
    pthread_sigmask(SIG_BLOCK, &s, &old_);
  }
  ~TimerSignalsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  TimerSignalsBlocked(const TimerSignalsBlocked&) = delete;
  TimerSignalsBlocked& operator=(const TimerSignalsBlocked&) = delete;

 private:
  sigset_t old_{};
};

}  // namespace

ExecResult run_controlled(std::span<const std::function<void()>> bodies, Strategy& strategy,
                          const ExecOptions& opts) {
  using namespace detail;
  CONTEND_CHECK(t_self == nullptr) << "run_controlled called from inside a vthread";
  CONTEND_CHECK(!g_busy.exchange(true)) << "one controlled execution per process at a time";
  const auto n = static_cast<uint32_t>(bodies.size());
  CONTEND_CHECK(n >= 1 && n <= kMaxThreads) << n << " bodies";
  const TimerSignalsBlocked timer_signals_blocked;  // before ensure_pool: new threads inherit it
  ensure_pinned(opts.pin_cpu);
  ensure_pool(n);
  if (opts.catch_signals) install_handlers();

  ExecResult res;
  // One allocation each instead of regrowth inside the execution: typical PCT executions take a
  // handful of decisions.
  res.schedule.decisions.reserve(16);
  res.threads.reserve(n);
  res.schedule.nthreads = n;
  res.schedule.sync_points_only = opts.sync_points_only;
  Runtime& r = g_rt;
  r.sync_only = opts.sync_points_only;
  r.tracing = opts.record_trace;
  r.aborting = false;
  r.ended = false;
  r.n = n;
  r.cur = -1;
  r.points = 0;
  r.budget = 0;
  r.max_points = opts.max_steps == 0 ? 1 : opts.max_steps;
  r.switches = 0;
  r.preemptions = 0;
  r.hash = 0xcbf29ce484222325ULL;
  r.progress_epoch = 0;
  r.no_progress_yields = 0;
  r.livelock_yields = opts.livelock_yields;
  r.spin_limit = opts.spin_limit == 0 ? 1 : opts.spin_limit;
  r.vtime_skip = 0;
  r.tickets = 0;
  r.timed_waiters = 0;
  r.strategy = &strategy;
  r.result = &res;
  for (uint32_t i = 0; i < n; ++i) {
    VThread* t = g_pool[i];
    t->state = ThreadState::kRunnable;
    t->wait_kind = WaitKind::kNone;
    t->wait_obj = nullptr;
    t->deadline = kNoDeadline;
    t->ticket = 0;
    t->timed_out = false;
    t->unwound = false;
    t->yield_epoch = UINT64_MAX;
    t->spin_addr = nullptr;
    t->spin_count = 0;
    t->op.clear();
    t->op_id = kNoOp;
    t->body = &bodies[i];
    r.threads[i] = t;
  }
  g_crash_sig = 0;
  g_crash_tid = -1;
  r.active = true;
  strategy.begin_execution(n);

  // The caller is vthread 0. The first decision grants it the token (no syscall: its word is
  // idle) or hands it to another vthread; main_word() is then granted back either for vthread 0's
  // turn or, if the execution ended before it ever ran, with Runtime::ended set.
  VThread* const v0 = r.threads[0];
  start_execution();
  wait_token(main_word());
  if (r.ended) {
    v0->unwound = true;  // abandoned before it ever ran
  } else if (run_body(v0)) {
    wait_token(main_word());  // until every body finished, or the execution ended abnormally
  }

  if (g_crash_sig != 0) {
    res.outcome = Outcome::kCrash;
    res.signal = g_crash_sig;
    res.crashed_thread = g_crash_tid;
    char buf[160];
    std::snprintf(buf, sizeof buf, "T%d received %s (signal %d), fault address %p", g_crash_tid,
                  signal_name(g_crash_sig), static_cast<int>(g_crash_sig), g_crash_addr);
    res.message = buf;
    const VThread* t = r.threads[g_crash_tid];
    if (!t->op.empty()) res.message += " during " + t->op;
  }
  for (uint32_t i = 0; i < n; ++i) res.threads.push_back(report_thread(r.threads[i]));
  if (res.outcome != Outcome::kOk) {
    r.aborting = true;
    for (uint32_t i = 1; i < n; ++i) {  // vthread 0 (the caller) has finished or unwound
      VThread* t = r.threads[i];
      if (t->state == ThreadState::kFinished || t->unwound) continue;
      grant(t->word);
      wait_token(main_word());
    }
    r.aborting = false;
  }
  res.points = r.points;
  res.switches = r.switches;
  res.preemptions = r.preemptions;
  res.trace_hash = r.hash;
  res.virtual_ns = r.points * kNsPerPoint + r.vtime_skip;
  r.active = false;
  r.result = nullptr;
  r.strategy = nullptr;
  strategy.end_execution(res.points);
  g_busy.store(false);
  return res;
}

}  // namespace contend::sched
