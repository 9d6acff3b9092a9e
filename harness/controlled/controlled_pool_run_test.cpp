// Scope: the controlled pool run (controlled_pool_run.h, pool_fuzz_input.h) against the
// instrumented pool targets: each pool canary's violation is found by a short seeded search over
// fuzzer-like inputs (the in-process form of what fuzz_pool_controlled does), hand-written
// scenarios show each violation directly, and the real pools show no failure over many inputs.
#include "controlled/controlled_pool_run.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "controlled/pool_fuzz_input.h"
#include "sched/strategy_bytes.h"

namespace contend {
namespace {

const PoolTargetInfo& pool(const std::string& name) {
  const PoolTargetInfo* p = PoolRegistry::instance().find(name);
  if (!p) throw std::runtime_error("pool target not linked: " + name);
  return *p;
}

std::string kinds(const ControlledRun& r) {
  std::string s;
  for (const auto& v : r.violations) s += v.kind + ": " + v.detail + "\n";
  return s + r.detail;
}

bool has_kind(const ControlledRun& r, const std::string& kind) {
  for (const auto& v : r.violations) {
    if (v.kind == kind) return true;
  }
  return false;
}

ControlledRun run_ops(const std::string& target, std::vector<std::vector<PoolOp>> ops,
                      std::vector<uint8_t> schedule = {}) {
  ControlledPoolRunner runner(pool(target));
  const PoolProgram p = pool_program_from_ops(std::move(ops));
  sched::BytesStrategy s(schedule);
  return runner.run(p, s);
}

constexpr PoolOp acq(uint8_t slot) { return {PoolOpKind::kAcquire, slot, 0}; }
constexpr PoolOp rel(uint8_t slot) { return {PoolOpKind::kRelease, slot, 0}; }
constexpr PoolOp wr(uint8_t slot, uint8_t v) { return {PoolOpKind::kWrite, slot, v}; }
constexpr PoolOp ver(uint8_t slot) { return {PoolOpKind::kVerify, slot, 0}; }

// Random inputs as a fuzzer would start from them: 1..60 bytes, uniformly random.
std::vector<uint8_t> random_input(std::mt19937_64& rng) {
  std::vector<uint8_t> in(1 + rng() % 60);
  for (auto& b : in) b = static_cast<uint8_t>(rng());
  return in;
}

// Executions of a seeded random-input search until a run fails with `kind`, or 0 if none within
// `budget`. Every failure seen must be of the expected kind.
uint64_t executions_to(const std::string& target, const std::string& kind, uint64_t budget) {
  ControlledPoolRunner runner(pool(target));
  std::mt19937_64 rng(1);
  for (uint64_t i = 1; i <= budget; ++i) {
    const auto in = random_input(rng);
    const auto r = run_pool_fuzz_input(runner, in);
    if (r.run.outcome == Outcome::kOk) continue;
    EXPECT_EQ(r.run.outcome, Outcome::kViolation) << kinds(r.run);
    if (has_kind(r.run, kind)) return i;
    ADD_FAILURE() << target << ": unexpected failure\n" << kinds(r.run);
    return 0;
  }
  return 0;
}

// requirement: a reused object that was never reset is a dirty hand-out (the release poison).
TEST(ControlledPoolRun, DirtyCanaryHandsOutPoisonedObject) {
  const auto r = run_ops("canary_dirty_pool", {{acq(0), wr(0, 1), rel(0), acq(1)}});
  ASSERT_EQ(r.outcome, Outcome::kViolation) << kinds(r);
  ASSERT_TRUE(has_kind(r, "dirty-object")) << kinds(r);
  EXPECT_NE(r.detail.find("release poison"), std::string::npos) << r.detail;
}

// requirement: a pool that never reuses what it retains fails the quiescent reuse probe.
TEST(ControlledPoolRun, PinningCanaryNeverReuses) {
  const auto r = run_ops("canary_pinning_pool", {{acq(0), rel(0)}});
  ASSERT_EQ(r.outcome, Outcome::kViolation) << kinds(r);
  ASSERT_EQ(r.violations.size(), 1u) << kinds(r);
  EXPECT_EQ(r.violations[0].kind, "no-reuse");
}

// requirement: without a preemption inside its pop the double-handout canary is correct, and a
// real pool passes the same hand-written scenario.
TEST(ControlledPoolRun, SerialScenariosPass) {
  const std::vector<std::vector<PoolOp>> ops = {{acq(0), wr(0, 2), acq(1), ver(0), rel(0), acq(2), ver(2)},
                                                {acq(0), rel(0), acq(0), wr(0, 3), ver(0), rel(0), acq(1)}};
  for (const char* name : {"canary_double_handout_pool", "mutex_pool", "tls_cache_pool", "tbb_pool"}) {
    const auto r = run_ops(name, ops);
    EXPECT_EQ(r.outcome, Outcome::kOk) << name << "\n" << kinds(r);
  }
}

// requirement: every pool canary is found by a short seeded search over random inputs, as the
// fuzzer would find it (bounded executions; the count is printed to track regressions).
TEST(ControlledPoolRun, SearchFindsEveryCanary) {
  const std::pair<const char*, const char*> canaries[] = {{"canary_dirty_pool", "dirty-object"},
                                                          {"canary_pinning_pool", "no-reuse"},
                                                          {"canary_double_handout_pool", "double-handout"}};
  for (const auto& [name, kind] : canaries) {
    const uint64_t n = executions_to(name, kind, 20'000);
    EXPECT_GT(n, 0u) << name << ": " << kind << " not found in 20000 executions";
    std::printf("%s: %s after %llu executions\n", name, kind, static_cast<unsigned long long>(n));
  }
}

// requirement: the real pools never fail, whatever the scenario and interleaving.
TEST(ControlledPoolRun, RealPoolsNeverFail) {
  for (const char* name : {"mutex_pool", "tls_cache_pool", "tbb_pool"}) {
    ControlledPoolRunner runner(pool(name));
    std::mt19937_64 rng(2);
    for (int i = 0; i < 1500; ++i) {
      const auto in = random_input(rng);
      const auto r = run_pool_fuzz_input(runner, in);
      ASSERT_EQ(r.run.outcome, Outcome::kOk) << name << " input " << i << "\n"
                                             << describe(r.input.program) << kinds(r.run);
    }
  }
}

// requirement: one input means one execution: the same bytes give the same trace. (mutex_pool:
// tls_cache_pool's first use of a thread assigns its slot, which adds points once per thread.)
TEST(ControlledPoolRun, SameInputSameExecution) {
  ControlledPoolRunner runner(pool("mutex_pool"));
  std::mt19937_64 rng(3);
  for (int i = 0; i < 50; ++i) {
    const auto in = random_input(rng);
    const auto a = run_pool_fuzz_input(runner, in), b = run_pool_fuzz_input(runner, in);
    EXPECT_EQ(a.run.exec.trace_hash, b.run.exec.trace_hash);
    EXPECT_EQ(a.run.exec.points, b.run.exec.points);
  }
}

// requirement: the fuzzer's hand-made seeds (corpora/fuzz_pool_controlled/seeds) are multi-op
// scenarios that every real pool passes.
TEST(ControlledPoolRun, SeedsPassOnRealPools) {
  const std::filesystem::path dir = std::filesystem::path(CONTEND_CORPORA) / "fuzz_pool_controlled" / "seeds";
  std::size_t seeds = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream f(e.path(), std::ios::binary);
    const std::vector<uint8_t> in{std::istreambuf_iterator<char>(f), {}};
    ++seeds;
    for (const char* name : {"mutex_pool", "tls_cache_pool", "tbb_pool"}) {
      ControlledPoolRunner runner(pool(name));
      const auto r = run_pool_fuzz_input(runner, in);
      EXPECT_GT(r.input.program.ops_per_thread, 1u) << e.path();
      EXPECT_EQ(r.run.outcome, Outcome::kOk) << name << " " << e.path() << "\n" << kinds(r.run);
    }
  }
  EXPECT_GE(seeds, 5u) << dir;
}

}  // namespace
}  // namespace contend
