// The controlled scheduler's state and its hot path (schedule points). Private to sched/.
//
// Concurrency contract: there is exactly one token. All fields of Runtime and of every VThread
// except `word` are read and written only by the current token holder (a vthread, or the thread
// inside run_controlled while no vthread holds it); handoff.h provides the happens-before edges.
// t_self is the calling OS thread's VThread while it runs a body, else nullptr.
//
// Vthread 0 runs on the thread that called run_controlled (no pool thread, no handoff to start or
// to end an execution it begins or finishes); vthreads 1.. run on pool threads. Vthread 0's word
// is also the caller's wake-up word: once vthread 0 finished, or when the execution ends while it
// waits for the token, a grant of that word means "the execution is over" (Runtime::ended).
#pragma once

#include <csetjmp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sched/event.h"
#include "sched/executor.h"
#include "sched/strategy.h"
#include "sched/detail/handoff.h"

extern "C" char __executable_start[];  // provided by the linker
extern "C" char __etext[];

namespace contend::sched::detail {

inline constexpr uint64_t kNoDeadline = UINT64_MAX;
inline constexpr uint64_t kNsPerPoint = 10;  // virtual time advanced by each schedule point
inline constexpr uint64_t kVirtualEpochNs = 1'000'000'000'000ULL;  // 1000 s: steady_clock origin

enum class ThreadState : uint8_t { kRunnable, kBlocked, kFinished };
enum class WaitKind : uint8_t { kNone, kMutex, kRwlock, kSpin, kCond, kFutex, kOnce, kGuard, kSem,
                                kBarrier, kSleep };
const char* wait_kind_name(WaitKind k);

struct Worker;

struct VThread {
  std::atomic<uint32_t> word{kIdle};  // handoff word; the only field touched without the token
  uint32_t tid = 0;
  ThreadState state = ThreadState::kRunnable;
  WaitKind wait_kind = WaitKind::kNone;
  const void* wait_obj = nullptr;
  uint64_t deadline = kNoDeadline;  // virtual ns; a timed wait times out at it
  uint64_t ticket = 0;              // FIFO order among waiters of one object
  uint32_t bitset = 0;              // futex bitset of a kFutex wait
  bool timed_out = false;           // result of the last block()
  bool unwound = false;             // body abandoned by siglongjmp (abnormal end)
  uint64_t yield_epoch = UINT64_MAX;  // == Runtime::progress_epoch => deprioritized (yielded)
  const void* spin_addr = nullptr;    // spin detection: last non-modifying atomic
  uint64_t spin_val = 0;
  uint32_t spin_count = 0;
  uint32_t op_id = kNoOp;  // index into the trace's op table (tracing only)
  std::string op;          // annotated operation
  const std::function<void()>* body = nullptr;
  Worker* worker = nullptr;
  sigjmp_buf jb;  // re-entry for abandoning the body (worker loop, or run_controlled for vthread 0)
};

struct Runtime {
  bool active = false;  // an execution is running (set/cleared by run_controlled with the token)
  bool sync_only = false;
  bool tracing = false;
  bool aborting = false;  // run_controlled is unwinding unfinished vthreads
  bool ended = false;     // every body finished, or an abnormal outcome abandoned the execution
  uint32_t n = 0;
  int cur = -1;
  VThread* threads[kMaxThreads] = {};
  uint64_t points = 0;
  uint64_t budget = 0;  // points left before the next kPreempt decision (or step-limit check)
  uint64_t max_points = 0;
  uint64_t switches = 0;
  uint64_t preemptions = 0;  // switches at kPreempt: away from a thread that could have gone on
  uint64_t hash = 0;
  uint64_t progress_epoch = 0;
  uint64_t no_progress_yields = 0;
  uint64_t livelock_yields = 0;
  uint32_t spin_limit = 3;
  uint64_t vtime_skip = 0;  // virtual ns skipped by timeouts and sleeps
  uint64_t tickets = 0;
  uint32_t timed_waiters = 0;
  Strategy* strategy = nullptr;
  ExecResult* result = nullptr;  // outcome, decisions, trace go here
};

extern Runtime g_rt;

// The caller's wake-up word: vthread 0's (see the contract above).
inline std::atomic<uint32_t>& main_word() { return g_rt.threads[0]->word; }
// constinit: no TLS wrapper call on the hot path; initial-exec: one %fs-relative load.
extern constinit thread_local VThread* t_self __attribute__((tls_model("initial-exec")));

// Re-entrancy guard for every runtime entry point that runs on a vthread. Inline library code
// (std::string, std::vector, std::to_string, std::sort...) used by the runtime may be linked from
// an *instrumented* TU's COMDAT copy; with t_self cleared, its hooks are no-ops instead of
// schedule points inside the scheduler. Nests: the outermost guard restores the vthread.
class NoReentry {
 public:
  NoReentry() : saved_(t_self) { t_self = nullptr; }
  ~NoReentry() { t_self = saved_; }
  NoReentry(const NoReentry&) = delete;
  NoReentry& operator=(const NoReentry&) = delete;

 private:
  VThread* saved_;
};

// PCs inside the main executable are stable across runs (offset from its load address); calls
// from other DSOs (tbbmalloc's locks...) are never schedule points, since their behaviour depends
// on allocator state that is not reproducible across executions.
inline bool pc_in_exe(uintptr_t pc) {
  return pc >= reinterpret_cast<uintptr_t>(__executable_start) &&
         pc < reinterpret_cast<uintptr_t>(__etext);
}

inline uint64_t vnow() { return kVirtualEpochNs + g_rt.points * kNsPerPoint + g_rt.vtime_skip; }

void preempt(VThread* t);  // budget expired: step-limit check + kPreempt decision
void record_event(VThread* t, EventKind k, const void* addr, uintptr_t pc);

// A schedule point of the token holder t: count, hash, maybe trace, maybe preempt.
inline void point(VThread* t, EventKind k, const void* addr, uintptr_t pc) {
  Runtime& r = g_rt;
  ++r.points;
  const uint64_t off = pc - reinterpret_cast<uintptr_t>(__executable_start);
  r.hash = (r.hash ^ ((uint64_t{t->tid} << 56) ^ (uint64_t(k) << 48) ^ off)) * 0x100000001b3ULL;
  if (__builtin_expect(r.tracing, 0)) record_event(t, k, addr, pc);
  if (__builtin_expect(--r.budget == 0, 0)) preempt(t);
}

// Plain access hook (read/write/vptr): not a point in sync-only mode.
inline void access_point(EventKind k, const void* addr, uintptr_t pc) {
  VThread* t = t_self;
  if (__builtin_expect(t == nullptr, 1) || g_rt.sync_only) return;
  point(t, k, addr, pc);
}

// Sync point for interposed calls: only when called from the executable.
inline void sync_point(VThread* t, EventKind k, const void* addr, uintptr_t pc) {
  if (pc_in_exe(pc)) point(t, k, addr, pc);
}

// Another thread can now make progress: clears every yield mark and the livelock counter.
inline void progress() {
  ++g_rt.progress_epoch;
  g_rt.no_progress_yields = 0;
}

// Called after a non-modifying atomic op observed `v` at `addr`; detects spinning.
void spin_check(VThread* t, const void* addr, uint64_t v);
inline void observe(VThread* t, const void* addr, uint64_t v) {
  if (t->spin_addr == addr && t->spin_val == v) {
    if (++t->spin_count >= g_rt.spin_limit) spin_check(t, addr, v);
  } else {
    t->spin_addr = addr;
    t->spin_val = v;
    t->spin_count = 1;
  }
}
inline void modified(VThread* t) {
  t->spin_addr = nullptr;
  progress();
}

// ---- blocking (runtime.cpp); all called by the token holder t ----

// Marks t blocked on obj and passes the token; returns when t was woken and granted again.
// Returns true if the wait timed out at `deadline` (virtual ns) instead.
bool block(VThread* t, WaitKind k, const void* obj, uint64_t deadline = kNoDeadline,
           uint32_t bitset = ~0u);
// Makes runnable the blocked threads waiting on obj (of kind k), FIFO, at most `max`.
// Counts as progress if any was woken. Returns how many.
uint32_t wake(const void* obj, WaitKind k, uint32_t max = UINT32_MAX, uint32_t bitset = ~0u);
// sched_yield / detected spin: t is not eligible until another thread makes progress.
void yield(VThread* t);
// Body returned: mark finished and hand the token on (or to run_controlled when all are done:
// sets Runtime::ended and grants main_word(), which vthread 0 itself then consumes at once).
void finish(VThread* t);
// First decision of an execution, made by run_controlled (no vthread holds the token).
void start_execution();
// Ends the execution abnormally from the token holder t: records outcome/message, sets
// Runtime::ended, then abandons t's body (siglongjmp to t->jb: a worker loop, which hands the
// token to run_controlled, or run_controlled itself for vthread 0).
[[noreturn]] void end_abnormal(VThread* t, Outcome o, std::string message);

}  // namespace contend::sched::detail
