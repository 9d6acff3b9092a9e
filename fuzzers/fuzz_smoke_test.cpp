//! \brief Fuzz smoke (label fuzz-smoke): a short run of each built engine (libFuzzer, AFL++) on
//! each map and pool canary finds the canary, and the crash file the engine wrote replays
//! deterministically in the plain controlled build (the one `contend replay` and the
//! fuzz_pool_controlled_<pool>_replay binaries use): the same failure, signature and trace hash
//! on every re-run, and no failure on a correct target.
//! Scope: fuzzers/<engine>/fuzz_{map,pool}_controlled_<canary> as a user runs them, then
//! run_fuzz_input / run_pool_fuzz_input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "controlled/crash_signature.h"
#include "controlled/fuzz_input.h"
#include "controlled/pool_fuzz_input.h"
#include "targets/pool_registry.h"

namespace contend {
namespace {

namespace fs = std::filesystem;

constexpr int kBudgetSeconds = 60;  // an upper bound: each canary falls in seconds (see the README)

std::vector<std::string> engines() {
  std::vector<std::string> out;
  std::stringstream in(CONTEND_FUZZ_ENGINES_BUILT);
  for (std::string e; std::getline(in, e, ';');) {
    if (!e.empty()) out.push_back(e);
  }
  return out;
}

std::vector<uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string tail(const fs::path& log) {
  std::ifstream in(log);
  std::string all{std::istreambuf_iterator<char>(in), {}};
  return all.size() > 3000 ? all.substr(all.size() - 3000) : all;
}

bool is_pool(const std::string& canary) { return canary.ends_with("_pool"); }

// Runs the engine on the canary's fuzzer in `dir`; returns the first crash file it wrote ("" if none).
fs::path fuzz_until_crash(const std::string& engine, const std::string& canary, const fs::path& dir) {
  const std::string fuzzer = is_pool(canary) ? "fuzz_pool_controlled_" : "fuzz_map_controlled_";
  const std::string bin = std::string(CONTEND_FUZZ_BIN_DIR) + "/" + engine + "/" + fuzzer + canary;
  const fs::path log = dir / "log";
  std::string cmd;
  if (engine == "libfuzzer") {
    cmd = bin + " -seed=1 -max_total_time=" + std::to_string(kBudgetSeconds) + " -artifact_prefix=" + dir.string() + "/";
  } else {
    // A seed that passes (AFL++ refuses to start on a crashing one); pool scenarios that acquire
    // anything fail the dirty/pinning canaries' quiescent checks, so theirs acquires nothing.
    fs::create_directories(dir / "in");
    std::ofstream(dir / "in" / "seed", std::ios::binary)
        << (is_pool(canary) ? std::string("\x05\x03\x09\x32\x01", 5) : std::string("\x05\x1b\x1b\x1b\x1b", 5));
    cmd = "AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 "
          "AFL_BENCH_UNTIL_CRASH=1 afl-fuzz -s 1 -V " + std::to_string(kBudgetSeconds) + " -i " + (dir / "in").string() +
          " -o " + (dir / "out").string() + " -- " + bin;
  }
  const int rc = std::system((cmd + " >" + log.string() + " 2>&1").c_str());
  (void)rc;  // libFuzzer exits non-zero on the crash, afl-fuzz zero: the artifact decides
  const fs::path where = engine == "libfuzzer" ? dir : dir / "out" / "default" / "crashes";
  if (fs::is_directory(where)) {
    for (const auto& f : fs::directory_iterator(where)) {
      const std::string n = f.path().filename().string();
      if (n.starts_with("crash-") || n.starts_with("id:")) return f.path();
    }
  }
  ADD_FAILURE() << engine << " found nothing on " << canary << " in " << kBudgetSeconds << " s: " << cmd << "\n" << tail(log);
  return {};
}

class FuzzSmoke : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(FuzzSmoke, FindsTheCanaryAndTheCrashFileReplays) {
  const auto& [engine, canary] = GetParam();
  const fs::path dir = fs::temp_directory_path() / ("contend-fuzz-smoke-" + engine + "-" + canary + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path crash = fuzz_until_crash(engine, canary, dir);
  if (crash.empty()) return;
  const auto bytes = read_bytes(crash);
  ControlledRunOptions opts;
  opts.exec.record_trace = true;
  // One controlled re-execution of the crash file on `target` (a map or a pool).
  auto rerun = [&](const std::string& target) -> ControlledRun {
    if (is_pool(target)) {
      ControlledPoolRunner runner(*PoolRegistry::instance().find(target), opts);
      return run_pool_fuzz_input(runner, bytes).run;
    }
    return run_fuzz_input(*TargetRegistry::instance().find_map(target), bytes, opts).run;
  };
  const std::string replay = is_pool(canary)
                                 ? std::string(CONTEND_FUZZ_BIN_DIR) + "/fuzz_pool_controlled_" + canary + "_replay " + crash.string()
                                 : "contend replay --target " + canary + " " + crash.string();
  const ControlledRun first = rerun(canary);
  ASSERT_NE(first.outcome, Outcome::kOk) << "the " << engine << " crash file passes in the plain build: " << replay;
  const std::string key = crash_signature(first).key();
  for (int i = 0; i < 3; ++i) {
    const ControlledRun again = rerun(canary);
    EXPECT_EQ(again.exec.trace_hash, first.exec.trace_hash) << "re-run " << i << " took another interleaving: " << replay;
    EXPECT_EQ(crash_signature(again).key(), key) << replay;
  }
  const ControlledRun correct = rerun(is_pool(canary) ? "mutex_pool" : "std_mutex_map");
  EXPECT_EQ(correct.outcome, Outcome::kOk) << "a correct target fails the canary's input: " << correct.detail;
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Canaries, FuzzSmoke,
                         ::testing::Combine(::testing::ValuesIn(engines()),
                                            ::testing::Values("canary_lost_update_map", "canary_racy_map",
                                                              "canary_unsafe_iter_map", "canary_dirty_pool",
                                                              "canary_double_handout_pool", "canary_pinning_pool")),
                         [](const auto& info) { return std::get<0>(info.param) + "_" + std::get<1>(info.param); });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FuzzSmoke);

}  // namespace
}  // namespace contend
