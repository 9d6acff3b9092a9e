// Scope: the decision strategies in isolation (strategy_{random,pct,bytes,replay}.h), driven by
// hand-made PickRequests: eligibility, budgets, reproducibility, exhaustion and divergence.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "sched/strategy_bytes.h"
#include "sched/strategy_pct.h"
#include "sched/strategy_random.h"
#include "sched/strategy_replay.h"

namespace contend::sched {
namespace {

const std::vector<uint32_t> kAll3 = {0, 1, 2};

PickRequest req(const std::vector<uint32_t>& elig, int cur, PickReason why, uint64_t step = 0) {
  return PickRequest{elig, cur, why, step};
}

// requirement: random picks only eligible threads, budgets in [1, 2*mean], reproducible per index
TEST(RandomStrategy, EligibleBudgetAndReproducible) {
  RandomStrategy a(7, 8), b(7, 8);
  std::set<uint32_t> seen;
  a.begin_execution(3);
  b.begin_execution(3);
  for (int i = 0; i < 200; ++i) {
    const Pick pa = a.pick(req({0, 2}, 0, PickReason::kPreempt));
    const Pick pb = b.pick(req({0, 2}, 0, PickReason::kPreempt));
    EXPECT_TRUE(pa.thread == 0 || pa.thread == 2);
    EXPECT_GE(pa.budget, 1u);
    EXPECT_LE(pa.budget, 16u);
    EXPECT_EQ(pa.thread, pb.thread);
    EXPECT_EQ(pa.budget, pb.budget);
    seen.insert(pa.thread);
  }
  EXPECT_EQ(seen.size(), 2u);
  // Execution index i reproduces: re-running index 0 gives the same first pick.
  RandomStrategy c(7, 8);
  c.begin_execution(3);
  const Pick first = c.pick(req(kAll3, -1, PickReason::kStart));
  c.set_execution_index(0);
  c.begin_execution(3);
  EXPECT_EQ(c.pick(req(kAll3, -1, PickReason::kStart)).thread, first.thread);
}

// requirement: PCT runs the highest-priority thread until a change point demotes it; depth 1
// never preempts
TEST(PctStrategy, PrioritiesAndChangePoints) {
  PctStrategy d1(3, PctOptions{.depth = 1, .steps = 100});
  d1.begin_execution(3);
  const Pick p0 = d1.pick(req(kAll3, -1, PickReason::kStart));
  EXPECT_EQ(p0.budget, kNoPreemption);
  // the same thread keeps winning while eligible
  EXPECT_EQ(d1.pick(req(kAll3, static_cast<int>(p0.thread), PickReason::kYield)).thread, p0.thread);

  PctStrategy d3(3, PctOptions{.depth = 3, .steps = 100});
  d3.begin_execution(2);
  const Pick s = d3.pick(req({0, 1}, -1, PickReason::kStart));
  ASSERT_NE(s.budget, kNoPreemption);
  ASSERT_LE(s.budget, 100u);
  // at the first change point the running thread is demoted below the other one
  const Pick after = d3.pick(req({0, 1}, static_cast<int>(s.thread), PickReason::kPreempt, s.budget));
  EXPECT_NE(after.thread, s.thread);
}

// requirement: bytes decide (thread, budget) two bytes at a time; exhausted => no preemption and
// round-robin forced switches; next_u64 reads from the back
TEST(BytesStrategy, ConsumesPairsThenRoundRobin) {
  const std::vector<uint8_t> data = {4, 9, 1, 0, 0xAA};
  BytesStrategy b(data);
  b.begin_execution(3);
  Pick p = b.pick(req(kAll3, -1, PickReason::kStart));
  EXPECT_EQ(p.thread, 1u);  // 4 % 3
  EXPECT_EQ(p.budget, 10u);
  p = b.pick(req({0, 2}, 1, PickReason::kBlock));
  EXPECT_EQ(p.thread, 2u);  // 1 % 2 -> eligible[1]
  EXPECT_EQ(p.budget, 1u);
  p = b.pick(req({0, 2}, 2, PickReason::kPreempt));
  EXPECT_EQ(p.thread, 2u);  // exhausted: keep running
  EXPECT_EQ(p.budget, kNoPreemption);
  p = b.pick(req({0, 1}, 2, PickReason::kFinish));
  EXPECT_EQ(p.thread, 0u);  // wraps around
  EXPECT_EQ(b.next_u64(), uint64_t{0xAA} << 56);  // the unused last byte, then zero padding
}

// requirement: replay returns the recorded decisions and reports divergence instead of guessing
TEST(ReplayStrategy, FollowsAndDetectsDivergence) {
  Schedule s;
  s.nthreads = 2;
  s.decisions = {{1, 5}, {0, 0}};
  ReplayStrategy r(s);
  r.begin_execution(2);
  EXPECT_EQ(r.pick(req({0, 1}, -1, PickReason::kStart)).thread, 1u);
  EXPECT_EQ(r.pick(req({0, 1}, 1, PickReason::kPreempt)).thread, 0u);
  EXPECT_TRUE(r.complete());
  EXPECT_FALSE(r.diverged());
  r.pick(req({1}, 0, PickReason::kFinish));
  EXPECT_TRUE(r.diverged());  // needed more decisions than recorded

  r.begin_execution(2);  // rewinds
  EXPECT_FALSE(r.diverged());
  const Pick p = r.pick(req({0}, -1, PickReason::kStart));  // recorded T1 is not eligible
  EXPECT_EQ(p.thread, 0u);
  EXPECT_TRUE(r.diverged());
  EXPECT_NE(r.divergence().find("not eligible"), std::string::npos);

  r.begin_execution(3);
  EXPECT_TRUE(r.diverged());  // thread-count mismatch
}

}  // namespace
}  // namespace contend::sched
