// Scope: check_determinism (determinism_check.h): 20 in-process replays of a recorded schedule
// agree with the recording; a schedule that does not fit the execution is reported as divergent.
#include "sched/determinism_check.h"

#include <gtest/gtest.h>

#include "sched/strategy_random.h"
#include "sched/testing/scenarios.h"

namespace contend::sched {
namespace {

using testing::Scenario;

// requirement: 20 replays of one schedule give identical trace hashes (tbb and mutex maps)
TEST(DeterminismCheck, TwentyReplaysAgree) {
  for (Scenario s : {Scenario::kTbbHashMap, Scenario::kMutexMap, Scenario::kCuckooMap}) {
    RandomStrategy st(12345, 8);
    const ExecResult rec = testing::run_scenario(s, st, {}).exec;
    ASSERT_EQ(rec.outcome, Outcome::kOk);
    EXPECT_GT(rec.switches, 2u);
    const DeterminismReport rep = check_determinism(
        [s](Strategy& replay) { return testing::run_scenario(s, replay, {}).exec; }, rec.schedule,
        20, &rec);
    EXPECT_TRUE(rep.deterministic) << testing::scenario_name(s) << ": " << rep.divergence;
    EXPECT_EQ(rep.runs, 20);
    EXPECT_EQ(rep.trace_hash, rec.trace_hash);
  }
}

// requirement: a schedule recorded for another program is reported, not silently accepted
TEST(DeterminismCheck, ReportsDivergence) {
  RandomStrategy st(3, 8);
  const ExecResult rec = testing::run_scenario(Scenario::kLostUpdate, st, {}).exec;
  const DeterminismReport rep = check_determinism(
      [](Strategy& replay) { return testing::run_scenario(Scenario::kTbbHashMap, replay, {}).exec; },
      rec.schedule, 3, &rec);
  EXPECT_FALSE(rep.deterministic);
  EXPECT_FALSE(rep.divergence.empty());
}

}  // namespace
}  // namespace contend::sched
