//! \brief End-to-end stress runs: every real target ends ok with metrics; a crashing or hanging
//! target becomes an outcome with everything measured so far kept. Scope: runner/stress_run.h
//! with process isolation.
#include "runner/stress_run.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "targets/std_mutex_map.h"

namespace contend {

// Test-only targets, registered in this binary only.
class CrashAfterManyOps : public StdMutexMap {
 public:
  bool insert(Key k, Value v) {
    if (++n_ > 8000) std::raise(SIGSEGV);  // ~18k inserts are issued
    return StdMutexMap::insert(k, v);
  }

 private:
  std::atomic<int> n_{0};
};
class HangOnIterate : public StdMutexMap {
 public:
  void for_each(Visitor) const {
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
};
CONTEND_REGISTER_MAP_TARGET("test_crash_after_ops", CrashAfterManyOps, true, "test only");
CONTEND_REGISTER_MAP_TARGET("test_hang_on_iterate", HangOnIterate, true, "test only");

namespace {

MapMixSpec quick() {
  MapMixSpec s;
  s.ops_per_thread = 30000;
  s.weights = {0.3, 0.2, 0.34, 0.15, 0.01, 0.0};  // cuckoo lock_table() takes all 64k locks per iterate
  s.key_space = 512;
  s.private_fraction = 0.2;
  return s;
}

class RealTargets : public ::testing::TestWithParam<std::string> {};

//! requirement: every non-canary target completes a mixed run (including iteration where its
//! contract allows it) with outcome ok, full latency data and RSS samples.
TEST_P(RealTargets, EndsOkWithMetrics) {
  const auto* t = TargetRegistry::instance().find_map(GetParam());
  ASSERT_NE(t, nullptr);
  auto r = run_stress(*t, quick(), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcome, Outcome::kOk) << r->outcome_detail << (r->violations.empty() ? "" : r->violations[0].detail);
  EXPECT_EQ(r->violations_total, 0u);
  EXPECT_EQ(r->total_ops, 60000u);
  EXPECT_GT(r->throughput_ops_s, 0);
  ASSERT_TRUE(r->latency_ns.count("find"));
  const auto& f = r->latency_ns.at("find");
  EXPECT_GT(f.count, 0u);
  EXPECT_LE(f.p50, f.p99);
  EXPECT_LE(f.p99, f.max);
  EXPECT_GE(r->rss.samples, 2u);
  EXPECT_GT(r->rss.peak_bytes, 0u);
  EXPECT_EQ(r->params["seed"], 1);
}

INSTANTIATE_TEST_SUITE_P(All, RealTargets, ::testing::ValuesIn(TargetRegistry::instance().default_map_names()),
                         [](const auto& info) { return info.param; });

//! requirement: a segfaulting target becomes outcome crash with the signal, and the latency
//! recorded before the crash survives.
TEST(StressIsolation, CrashKeepsMeasurements) {
  auto r = run_stress(*TargetRegistry::instance().find_map("test_crash_after_ops"), quick(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Outcome::kCrash);
  EXPECT_EQ(r->signal, SIGSEGV) << r->outcome_detail;
  EXPECT_GT(r->total_ops, 10000u);
  EXPECT_GE(r->latency_ns.at("insert").count, 7000u);
}

//! requirement: a hanging target is killed at the timeout: outcome timeout, partial data kept.
TEST(StressIsolation, HangBecomesTimeout) {
  StressOptions o;
  o.isolation.timeout_s = 1.0;
  auto r = run_stress(*TargetRegistry::instance().find_map("test_hang_on_iterate"), quick(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Outcome::kTimeout);
  EXPECT_NE(r->outcome_detail.find("timeout"), std::string::npos);
}

//! requirement: the same seed generates the same operations: per-kind op counts are identical
//! across two runs (timing differs, the sequence does not).
TEST(StressDeterminism, SameSeedSameOpCounts) {
  const auto* t = TargetRegistry::instance().find_map("std_mutex_map");
  auto a = run_stress(*t, quick(), {});
  auto b = run_stress(*t, quick(), {});
  ASSERT_TRUE(a.ok() && b.ok());
  for (const auto& [op, l] : a->latency_ns) EXPECT_EQ(l.count, b->latency_ns.at(op).count) << op;
}

}  // namespace
}  // namespace contend
