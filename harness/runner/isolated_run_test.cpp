//! \brief run_isolated classifies how the child ended: a crash signal is a crash, but a SIGINT or
//! SIGTERM that reached the child (Ctrl-C or a group signal of a cancelled job) is an
//! interruption, never a crash of the target. Scope: runner/isolated_run.cpp.
#include "runner/isolated_run.h"

#include <gtest/gtest.h>

#include <csignal>

#include "runner/stress_arena.h"

namespace contend {
namespace {

ChildStatus run_child_that(int sig) {
  StressArena* arena = StressArena::create(1);
  const ChildStatus s = run_isolated([sig] { std::raise(sig); }, *arena, IsolationOptions{});
  StressArena::destroy(arena);
  return s;
}

//! error_guessing: a child killed by SIGINT or SIGTERM is kInterrupted (before the fix, 3 of 5
//! group Ctrl-Cs were reported as target crashes); SIGSEGV stays a crash with its signal.
TEST(IsolatedRun, CancelSignalsAreInterruptionsCrashSignalsAreCrashes) {
  EXPECT_EQ(run_child_that(SIGINT).outcome, Outcome::kInterrupted);
  EXPECT_EQ(run_child_that(SIGTERM).outcome, Outcome::kInterrupted);
  const ChildStatus segv = run_child_that(SIGSEGV);
  EXPECT_EQ(segv.outcome, Outcome::kCrash);
  EXPECT_EQ(segv.signal, SIGSEGV);
}

}  // namespace
}  // namespace contend
