// Scope: the pool-churn workload end to end on real threads in a child process: clean on real
// pools, and the three canaries caught by a stress run (the deterministic per-canary sequences
// are in pool_canary_test.cpp).
#include "workloads/pool_churn.h"

#include <gtest/gtest.h>

namespace contend::workloads {
namespace {

RunResult churn(const char* pool, PoolChurnSpec s) {
  const PoolTargetInfo* p = PoolRegistry::instance().find(pool);
  EXPECT_NE(p, nullptr);
  StressOptions o;
  o.isolation.timeout_s = 60;
  WorkloadRequest req;
  req.target = pool;
  req.seed = s.seed;
  return run_pool_churn(*p, s, o, req);
}

PoolChurnSpec small() {
  PoolChurnSpec s;
  s.threads = 2;
  s.ops_per_thread = 30'000;
  s.seed = 3;
  return s;
}

// requirement: real pools run clean, reuse objects (hit rate > 90%) and stay within the bound.
TEST(PoolChurn, RealPoolsCleanAndReusing) {
  for (const char* p : {"mutex_pool", "tls_cache_pool", "tbb_pool"}) {
    const RunResult r = churn(p, small());
    EXPECT_EQ(r.outcome, Outcome::kOk) << p << ": " << r.outcome_detail
                                       << (r.violations.empty() ? "" : " " + r.violations[0].detail);
    EXPECT_GT(r.workload_metrics["hit_rate"].get<double>(), 0.9) << p << r.workload_metrics.dump();
    EXPECT_GT(r.workload_metrics["cross_thread_releases"].get<uint64_t>(), 0u);
  }
}

// requirement: a stress run catches the dirty and pinning canaries every time (their bugs do
// not depend on timing), with the violation kinds named.
TEST(PoolChurn, DeterministicCanariesCaught) {
  const RunResult dirty = churn("canary_dirty_pool", small());
  EXPECT_EQ(dirty.outcome, Outcome::kViolation);
  ASSERT_FALSE(dirty.violations.empty());
  EXPECT_EQ(dirty.violations[0].kind, "dirty-object");
  const RunResult pin = churn("canary_pinning_pool", small());
  EXPECT_EQ(pin.outcome, Outcome::kViolation);
  bool found = false;
  for (const auto& v : pin.violations) found |= v.kind == "unbounded-retention";
  EXPECT_TRUE(found);
  EXPECT_DOUBLE_EQ(pin.workload_metrics["allocations_per_acquire"].get<double>(), 1.0);
}

}  // namespace
}  // namespace contend::workloads
