//! Scope: the comparer on fixture JSONs (testdata/, written by make_fixtures.py with known ground
//! truth): regression, improvement, noise, too few repetitions, a new violation, and the loader's
//! errors for malformed, truncated and wrong-schema files.
#include "compare/comparer.h"

#include <gtest/gtest.h>

#include <string>

#include "compare/sample_set.h"

namespace contend {
namespace {

const std::string kData = CONTEND_COMPARE_TESTDATA;

Comparison run(const std::string& scenario, CompareOptions o = {}) {
  auto b = load_samples(kData + "/" + scenario + "/base");
  auto c = load_samples(kData + "/" + scenario + "/cand");
  EXPECT_TRUE(b.ok() && c.ok());
  return compare_sets(*b, *c, default_thresholds(), o);
}

const MetricComparison& metric(const Comparison& c, const std::string& name) {
  for (const auto& m : c.cells.at(0).metrics) {
    if (m.metric == name) return m;
  }
  ADD_FAILURE() << "no metric " << name;
  static MetricComparison none;
  return none;
}

// requirement: -25 % throughput and +60 % p99 over 5 vs 5 repetitions are significant and beyond
// the thresholds: a regression, with medians, change and p-value stated.
TEST(Comparer, ClearRegression) {
  const Comparison c = run("regression");
  ASSERT_EQ(c.cells.size(), 1u);
  EXPECT_EQ(c.matched, 1u);
  EXPECT_TRUE(c.regression());
  const auto& t = metric(c, "throughput_ops_s");
  EXPECT_EQ(t.verdict, Verdict::kRegression);
  EXPECT_NEAR(t.change, -0.25, 0.05);
  EXPECT_LT(t.p_value, 0.05);
  EXPECT_EQ(metric(c, "latency.find.p99").verdict, Verdict::kRegression);
  EXPECT_EQ(metric(c, "latency.find.max").verdict, Verdict::kInfo);  // never judged
  // 5 repetitions: concluded, but the low-power warning is given.
  ASSERT_FALSE(c.warnings.empty());
  EXPECT_NE(c.warnings.back().find("low power"), std::string::npos);
}

// requirement: a clear improvement is reported as such and is not a regression.
TEST(Comparer, ClearImprovement) {
  const Comparison c = run("improvement");
  EXPECT_FALSE(c.regression());
  EXPECT_EQ(metric(c, "throughput_ops_s").verdict, Verdict::kImprovement);
  EXPECT_EQ(metric(c, "latency.insert.p99").verdict, Verdict::kImprovement);
  EXPECT_EQ(c.count(Verdict::kRegression), 0);
}

// requirement: 9 vs 9 repetitions of one distribution (+-8 % jitter) flag nothing.
TEST(Comparer, NoiseIsNotFlagged) {
  const Comparison c = run("noise");
  EXPECT_FALSE(c.regression());
  EXPECT_EQ(c.count(Verdict::kRegression), 0);
  EXPECT_EQ(c.count(Verdict::kImprovement), 0);
  EXPECT_TRUE(c.warnings.empty());  // 9 repetitions: no low-power warning
}

// requirement: with 3 repetitions a side no verdict is drawn, even for a -40 % change, and the
// report says why.
TEST(Comparer, TooFewRepetitions) {
  const Comparison c = run("few");
  EXPECT_FALSE(c.regression());
  const auto& t = metric(c, "throughput_ops_s");
  EXPECT_EQ(t.verdict, Verdict::kTooFew);
  EXPECT_NEAR(t.change, -0.4, 0.05);
  ASSERT_FALSE(c.warnings.empty());
  EXPECT_NE(c.warnings.back().find("too few repetitions"), std::string::npos);
}

// requirement: a violation kind the baseline never had is a regression whatever the figures,
// also when performance is only advisory (--outcomes-only).
TEST(Comparer, NewViolationIsAlwaysARegression) {
  for (bool outcomes_only : {false, true}) {
    const Comparison c = run("violation", {.outcomes_only = outcomes_only});
    EXPECT_TRUE(c.regression());
    ASSERT_EQ(c.cells.size(), 1u);
    EXPECT_EQ(c.cells[0].new_failures, (std::vector<std::string>{"lost-update", "violation"}));
    EXPECT_NE(c.cells[0].failure_detail.find("lost-update"), std::string::npos);
    EXPECT_EQ(c.count(Verdict::kRegression), 0);
  }
  // The same failure on both sides is not new.
  auto c = load_samples(kData + "/violation/cand");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(compare_sets(*c, *c, default_thresholds()).regression());
}

// requirement: --outcomes-only keeps performance verdicts visible but out of the decision.
TEST(Comparer, OutcomesOnlyIgnoresPerformance) {
  const Comparison c = run("regression", {.outcomes_only = true});
  EXPECT_FALSE(c.regression());
  EXPECT_GT(c.count(Verdict::kRegression), 0);
}

// error_guessing: malformed, truncated and wrong-schema files are input errors (exit 3) that
// name the file; a missing path is an I/O error (exit 4).
TEST(Comparer, BadFilesAreClearErrors) {
  for (const char* f : {"malformed.json", "truncated.json"}) {
    auto s = load_samples(kData + "/" + f);
    ASSERT_FALSE(s.ok()) << f;
    EXPECT_EQ(s.error().code, ExitCode::kBadInput);
    EXPECT_NE(s.error().message.find(f), std::string::npos);
    EXPECT_NE(s.error().message.find("not valid JSON"), std::string::npos);
  }
  auto v2 = load_samples(kData + "/schema2.json");
  ASSERT_FALSE(v2.ok());
  EXPECT_EQ(v2.error().code, ExitCode::kBadInput);
  EXPECT_NE(v2.error().message.find("schema version 2"), std::string::npos);
  auto missing = load_samples(kData + "/no-such-dir");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ExitCode::kIoError);
}

// requirement: cells present on one side only are reported, not silently dropped.
TEST(Comparer, UnmatchedCellsAreReported) {
  auto b = load_samples(kData + "/noise/base");
  auto g = load_samples(kData + "/gbench/base.json");
  ASSERT_TRUE(b.ok() && g.ok());
  const Comparison c = compare_sets(*b, *g, default_thresholds());
  EXPECT_EQ(c.matched, 0u);
  EXPECT_EQ(c.cells.size(), 3u);
  EXPECT_EQ(c.warnings.size(), 3u);
}

}  // namespace
}  // namespace contend
