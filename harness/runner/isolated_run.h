// run_isolated: executes a run body in a forked child so a crashing target cannot take the
// results with it. The child writes everything it measures into the shared StressArena; the
// parent watches it (progress, timeout, RSS limit, Ctrl-C) and classifies how it ended.
// The child never returns into the caller: it _exit()s, so no atexit handler or buffered
// output of the parent runs twice.
#pragma once

#include <functional>
#include <string>

#include "runner/stress_arena.h"
#include "util/outcome.h"

namespace contend {

struct IsolationOptions {
  bool isolate = true;         // false: run in-process (for debuggers; a crash kills contend)
  double timeout_s = 0;        // wall-clock limit for the child; 0 = none
  double stall_timeout_s = 30; // kill when no op completes and the phase does not change for
                               // this long (a hang: deadlock, livelock, corrupted structure)
  bool progress = false;       // print a progress line to stderr every second after 2 s
  std::string label;           // progress prefix, e.g. the target name
  uint64_t expected_ops = 0;   // total ops of an ops budget (progress %); 0 = duration budget
  double duration_s = 0;       // duration budget (progress %)
};

struct ChildStatus {
  Outcome outcome = Outcome::kOk;  // kOk, kCrash, kTimeout, kOom or kInterrupted
  int signal = 0;                  // terminating signal for kCrash (0 if it exited)
  int exit_status = 0;             // exit status when it exited
  std::string detail;              // one sentence: what happened
};

ChildStatus run_isolated(const std::function<void()>& body, StressArena& arena, const IsolationOptions& opts);

}  // namespace contend
