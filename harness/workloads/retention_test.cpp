// Scope: the retention workload end to end, in-process, on real map targets.
// requirement: std::unordered_map (std_mutex_map) keeps memory after every key is erased, and the
// allocator purge step gives some back on glibc (failure-modes.md section 2).
#include "workloads/retention.h"

#include <gtest/gtest.h>

#include "workloads/allocator.h"

namespace contend::workloads {
namespace {

RunResult run_on(const char* target, uint64_t keys, uint32_t cycles, double erase_fraction = 1.0,
                 bool main_thread = false) {
  const MapTargetInfo* t = TargetRegistry::instance().find_map(target);
  EXPECT_NE(t, nullptr);
  RetentionSpec s;
  s.keys = keys;
  s.cycles = cycles;
  s.erase_fraction = erase_fraction;
  s.main_thread = main_thread;
  s.threads = 1;
  s.seed = 7;
  StressOptions o;
  o.isolation.isolate = true;
  o.isolation.timeout_s = 60;
  WorkloadRequest req;
  req.target = target;
  req.seed = s.seed;
  return run_retention(*t, s, o, req);
}

// requirement: after erasing every key, the bucket array (8 bytes per bucket, >= keys buckets)
// is still allocated: the allocator's in-use figure stays above the empty map's by at least that.
TEST(Retention, StdUnorderedMapKeepsBucketArrayAfterErase) {
  const RunResult r = run_on("std_mutex_map", 300'000, 2);
  ASSERT_EQ(r.outcome, Outcome::kOk) << r.outcome_detail;
  const auto& wm = r.workload_metrics;
  ASSERT_TRUE(wm.contains("retained_alloc_bytes"));
  if (active_allocator() == Allocator::kGlibc && !wm["retained_alloc_bytes"].is_null()) {
    EXPECT_GE(wm["retained_alloc_bytes"].get<int64_t>(), 300'000 * 8) << wm.dump(2);
  }
  EXPECT_GT(wm["retained_rss_bytes"].get<int64_t>(), 0) << wm.dump(2);
  EXPECT_EQ(wm["checkpoints"].size(), 2u * 2 + 4);
}

// requirement: the purge step returns free pages where the allocator supports it. Erasing 90%
// leaves survivors scattered over the heap, so glibc cannot trim the top of the heap by itself;
// malloc_trim(0) then releases the free pages in between. After destroying the map RSS drops
// below the peak.
TEST(Retention, PurgeReducesRss) {
  const RunResult r = run_on("std_mutex_map", 300'000, 1, 1.0, true);
  ASSERT_EQ(r.outcome, Outcome::kOk) << r.outcome_detail;
  const auto& wm = r.workload_metrics;
  if (active_allocator() == Allocator::kGlibc) {
    EXPECT_GT(wm["purge_released_bytes"].get<int64_t>(), 1 << 20) << wm.dump(2);
  }
  EXPECT_LT(wm["after_destroy_retained_rss_bytes"].get<int64_t>(), wm["peak_growth_bytes"].get<int64_t>())
      << wm.dump(2);
}

// requirement: every map target runs the workload without violations (size matches after erase).
TEST(Retention, EveryMapTargetRuns) {
  for (const auto& t : TargetRegistry::instance().maps()) {
    if (t.canary) continue;
    const RunResult r = run_on(t.name.c_str(), 20'000, 2);
    EXPECT_EQ(r.outcome, Outcome::kOk) << t.name << ": " << r.outcome_detail;
  }
}

}  // namespace
}  // namespace contend::workloads
