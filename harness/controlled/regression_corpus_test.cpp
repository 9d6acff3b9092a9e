//! \brief The checked-in regression corpus: inputs that once failed on a canary must keep failing
//! on it, the same way, and must pass on the correct targets (regression; label fuzz-smoke).
//! Scope: corpora/fuzz_map_controlled_<canary>/regression through run_fuzz_input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "controlled/fuzz_input.h"
#include "controlled/minimize.h"
#include "util/rng.h"

namespace contend {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const MapTargetInfo& target(const std::string& n) { return *TargetRegistry::instance().find_map(n); }

TEST(RegressionCorpus, FailsOnItsCanaryAndPassesOnCorrectTargets) {
  int files = 0;
  for (const auto& dir : fs::directory_iterator(CONTEND_CORPORA)) {
    const std::string name = dir.path().filename().string();
    const std::string prefix = "fuzz_map_controlled_";
    if (name.rfind(prefix, 0) != 0 || !fs::is_directory(dir.path() / "regression")) continue;
    const std::string canary = name.substr(prefix.size());
    for (const auto& f : fs::directory_iterator(dir.path() / "regression")) {
      if (f.path().filename() == "README") continue;
      ++files;
      const auto bytes = read_bytes(f.path());
      const auto bad = run_fuzz_input(target(canary), bytes);
      EXPECT_NE(bad.run.outcome, Outcome::kOk) << f.path() << " no longer fails on " << canary;
      for (const char* good : {"std_mutex_map", "tbb_hash_map", "sharded_map"}) {
        const auto ok = run_fuzz_input(target(good), bytes);
        EXPECT_EQ(ok.run.outcome, Outcome::kOk) << f.path() << " fails on " << good << ": " << ok.run.detail;
      }
    }
  }
  EXPECT_GE(files, 1) << "no regression inputs found under " << CONTEND_CORPORA;
}

}  // namespace
}  // namespace contend

namespace contend {
namespace {

//! requirement: minimization shrinks a long failing input (found from a fixed seed among random
//! 256-byte inputs) to a small one that still fails the same way. Measured: 38 ops -> 11 ops,
//! 3 preemptions (threads are not dropped yet: that needs the schedule bytes remapped).
TEST(Minimize, LongFailingInputShrinksAndStillFails) {
  const auto& canary = target("canary_lost_update_map");
  Rng rng(7);
  std::vector<uint8_t> input;
  for (int attempt = 0; attempt < 20000 && input.empty(); ++attempt) {
    std::vector<uint8_t> bytes(256);
    for (auto& b : bytes) b = static_cast<uint8_t>(rng.next_u64());
    if (run_fuzz_input(canary, bytes).run.outcome != Outcome::kOk) input = bytes;
  }
  ASSERT_FALSE(input.empty()) << "no failing 256-byte input among 20000 random ones";
  const auto before = run_fuzz_input(canary, input);
  const auto m = minimize_input(canary, input);
  ASSERT_TRUE(m.failed);
  EXPECT_LT(m.input.size(), input.size() / 4) << "minimized " << input.size() << " -> " << m.input.size();
  std::cout << "minimized " << input.size() << " bytes / " << effective_ops(before.input.program) << " ops -> "
            << m.input.size() << " bytes / " << effective_ops(m.decoded.program) << " ops, " << m.preemptions
            << " preemptions, " << m.executions << " executions\n";
  EXPECT_LE(3 * effective_ops(m.decoded.program), effective_ops(before.input.program));
  const auto after = run_fuzz_input(canary, m.input);
  EXPECT_EQ(after.run.outcome, before.run.outcome);
  ASSERT_FALSE(after.run.violations.empty());
  EXPECT_EQ(after.run.violations.front().kind, before.run.violations.front().kind);
}

}  // namespace
}  // namespace contend
