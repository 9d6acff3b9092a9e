// run_controlled: execute thread bodies under the controlled scheduler. Each body runs on its own
// OS thread (from a persistent pool), but only one runs at a time; the Strategy decides who runs
// at every decision point. Every schedule point of code compiled with contend's instrumentation
// (contend_add_controlled_library) is a potential preemption; blocking calls (mutex, rwlock, cond,
// futex, sem, barrier, once, static guards, sleeps) are interposed so a thread that would block on
// a descheduled holder gives up the token instead. Only sequentially consistent interleavings are
// explored. See ../../../shared/design/controlled-scheduling.md.
//
// Thread-safety: one controlled execution per process at a time (checked). Call from a thread that
// is not itself a vthread. The calling thread (and the pool) are pinned to one CPU by default.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sched/schedule.h"
#include "sched/strategy.h"
#include "sched/trace.h"
#include "util/exit_codes.h"

namespace contend::sched {

enum class Outcome : uint8_t {
  kOk = 0,     // every body returned
  kCrash,      // a body raised SIGSEGV/SIGBUS/SIGFPE/SIGILL/SIGABRT or threw an exception
  kDeadlock,   // every unfinished thread is blocked and none can time out
  kLivelock,   // threads kept yielding/spinning with no progress (ExecOptions::livelock_yields)
  kStepLimit,  // more than ExecOptions::max_steps schedule points (watchdog)
};
std::string_view outcome_name(Outcome o);
ExitCode outcome_exit_code(Outcome o);  // kOk, kCrash, kDeadlock, kLivelock, kLivelock

inline constexpr int kPinAuto = -1;  // pin to the lowest CPU of the current affinity mask
inline constexpr int kPinNone = -2;  // leave affinity alone (switches cost ~10x more on VMs)

struct ExecOptions {
  bool sync_points_only = false;   // plain reads/writes are not schedule points (atomics, locks are)
  uint64_t max_steps = 2'000'000;  // step-limit watchdog (schedule points per execution)
  uint32_t spin_limit = 3;         // consecutive same-value non-modifying atomics on one address
                                   // that count as a spin (thread yields)
  uint64_t livelock_yields = 20'000;  // yields with no progress in between before kLivelock
  bool record_trace = false;          // fill ExecResult::trace
  int pin_cpu = kPinAuto;             // CPU for the caller and the pool; see kPinAuto/kPinNone
  bool catch_signals = true;          // crash signals in vthreads become Outcome::kCrash
};

// Final state of one vthread, mainly for deadlock reports.
struct ThreadReport {
  uint32_t tid = 0;
  std::string state;     // "finished", "runnable", "blocked"
  std::string waits_on;  // e.g. "mutex 0x7ffc12345678" (blocked only)
  std::string op;        // annotated operation at the end, may be empty
};

struct ExecResult {
  Outcome outcome = Outcome::kOk;
  std::string message;     // one-paragraph explanation for non-ok outcomes
  int signal = 0;          // kCrash by signal: the signal number
  int crashed_thread = -1;
  uint64_t points = 0;     // schedule points executed
  uint64_t switches = 0;   // token handoffs between different vthreads
  uint64_t preemptions = 0;  // the switches that took the token from a thread that could go on
  uint64_t trace_hash = 0; // hash of (thread, kind, PC offset) per point: equal for identical runs
  uint64_t virtual_ns = 0; // virtual time elapsed in the execution
  Schedule schedule;       // every decision taken; replay with ReplayStrategy
  std::vector<ThreadReport> threads;
  Trace trace;             // only with ExecOptions::record_trace
};

// Runs bodies[i] as vthread i (1 <= bodies.size() <= kMaxThreads) to completion or to an abnormal
// outcome. After a non-ok outcome, unfinished bodies were abandoned mid-way (their stacks unwound
// without destructors), so state they shared must be treated as poisoned (leak it, or run each
// execution in a forked child); after kCrash the process heap itself may be corrupt.
ExecResult run_controlled(std::span<const std::function<void()>> bodies, Strategy& strategy,
                          const ExecOptions& opts = {});

}  // namespace contend::sched
