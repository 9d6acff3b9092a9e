// Scope: conformance of every non-canary pool target to the PoolTarget contract
// (targets/pool_target.h), sequentially: what the contract promises a single holder.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "targets/pool_registry.h"
#include "workloads/pool_checker.h"

namespace contend {
namespace {

std::vector<const PoolTargetInfo*> real_pools() {
  std::vector<const PoolTargetInfo*> out;
  for (const auto& p : PoolRegistry::instance().pools()) {
    if (!p.canary) out.push_back(&p);
  }
  return out;
}

// requirement: the three pools the issue names are registered, and the three canaries too.
TEST(PoolConformance, RegisteredNames) {
  for (const char* n : {"mutex_pool", "tls_cache_pool", "tbb_pool", "canary_dirty_pool",
                        "canary_double_handout_pool", "canary_pinning_pool"}) {
    EXPECT_NE(PoolRegistry::instance().find(n), nullptr) << n;
  }
  EXPECT_FALSE(PoolRegistry::instance().lookup("mutex_pol").ok());
}

// requirement: acquire returns distinct, zeroed objects of the requested size while held;
// after release, an acquire reuses (stats.reused grows) and the object is zeroed again.
TEST(PoolConformance, AcquireReleaseReuseReset) {
  for (const auto* info : real_pools()) {
    SCOPED_TRACE(info->name);
    auto pool = info->make(128);
    std::set<PoolObject*> held;
    for (int i = 0; i < 10; ++i) {
      PoolObject* o = pool->acquire();
      ASSERT_EQ(o->size, 128u);
      for (uint32_t b = 0; b < o->size; ++b) ASSERT_EQ(o->payload()[b], 0) << b;
      std::memset(o->payload(), 0x5c, o->size);
      EXPECT_TRUE(held.insert(o).second) << "object handed out twice";
    }
    for (auto* o : held) pool->release(o);
    EXPECT_EQ(pool->stats().created, 10u);
    EXPECT_EQ(pool->stats().retained, 10u);
    for (int i = 0; i < 10; ++i) {
      PoolObject* o = pool->acquire();
      for (uint32_t b = 0; b < o->size; ++b) ASSERT_EQ(o->payload()[b], 0) << "not reset at byte " << b;
      pool->release(o);
    }
    EXPECT_EQ(pool->stats().created, 10u) << "a released object must be reused";
    EXPECT_GE(pool->stats().reused, 10u);
  }
}

// requirement: the checked harness path (owner tags, poisoning, reset) reports nothing on a
// correct pool, including releases from a thread other than the acquirer.
TEST(PoolConformance, CheckedPathCleanAcrossThreads) {
  for (const auto* info : real_pools()) {
    SCOPED_TRACE(info->name);
    ViolationLog* log = new ViolationLog();  // ~100 KiB: not on the stack
    auto pool = info->make(1000);
    std::vector<PoolObject*> objs;
    for (uint64_t i = 0; i < 100; ++i) objs.push_back(workloads::checked_acquire(*pool, workloads::owner_tag(0, i), 0, *log));
    std::thread other([&] {
      for (uint64_t i = 0; i < 100; ++i) workloads::checked_release(*pool, objs[i], workloads::owner_tag(0, i), 1, *log);
    });
    other.join();
    for (uint64_t i = 0; i < 1000; ++i) {
      PoolObject* o = workloads::checked_acquire(*pool, workloads::owner_tag(0, 1000 + i), 0, *log);
      ASSERT_NE(o, nullptr);
      workloads::checked_release(*pool, o, workloads::owner_tag(0, 1000 + i), 0, *log);
    }
    EXPECT_TRUE(workloads::check_retention(pool->stats(), 100, *log));
    EXPECT_EQ(log->total(), 0u) << (log->total() ? log->snapshot()[0].detail : "");
    delete log;
  }
}

// requirement: destroying a pool frees every object it holds (new == deleted).
TEST(PoolConformance, DestructorFreesEverything) {
  for (const auto* info : real_pools()) {
    SCOPED_TRACE(info->name);
    const uint64_t n0 = pool_counters().new_objects.load(), d0 = pool_counters().deleted_objects.load();
    {
      auto pool = info->make(64);
      std::vector<PoolObject*> v;
      for (int i = 0; i < 5000; ++i) v.push_back(pool->acquire());
      for (auto* o : v) pool->release(o);
    }
    EXPECT_EQ(pool_counters().new_objects.load() - n0, pool_counters().deleted_objects.load() - d0);
  }
}

}  // namespace
}  // namespace contend
