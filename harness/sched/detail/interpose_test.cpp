// Scope: the interposed blocking primitives (detail/interpose_*.cpp) driven from real libstdc++
// and glibc call paths in controlled executions: condvars, semaphores, atomic wait, latch,
// barriers, once, static guards, spinlocks, timed locks and virtual-time sleeps. Each runs under
// many seeds of two strategies with its own invariant and must never deadlock, hang or break.
#include <gtest/gtest.h>

#include "sched/strategy_pct.h"
#include "sched/strategy_random.h"
#include "sched/testing/scenarios.h"

namespace contend::sched {
namespace {

using testing::Primitive;

class Primitives : public ::testing::TestWithParam<Primitive> {};

// requirement: correct use of each primitive never fails under any explored schedule
TEST_P(Primitives, NoFailureOverSeeds) {
  for (uint64_t seed = 0; seed < 100; ++seed) {
    RandomStrategy random(seed, 4);
    PctStrategy pct(seed, PctOptions{.depth = 3});
    for (Strategy* st : {static_cast<Strategy*>(&random), static_cast<Strategy*>(&pct)}) {
      const auto r = testing::run_primitive(GetParam(), *st, {});
      ASSERT_FALSE(r.failed()) << st->name() << " seed " << seed << ": "
                               << outcome_name(r.exec.outcome) << " " << r.detail << r.exec.message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, Primitives,
    ::testing::Values(Primitive::kCondvar, Primitive::kCondvarTimeout, Primitive::kSemaphore,
                      Primitive::kAtomicWait, Primitive::kLatch, Primitive::kPosixSem,
                      Primitive::kPthreadBarrier, Primitive::kCallOnce, Primitive::kStaticInit,
                      Primitive::kSpinlock, Primitive::kTimedMutex, Primitive::kSleepClock),
    [](const auto& info) { return std::string(testing::primitive_name(info.param)); });

}  // namespace
}  // namespace contend::sched
