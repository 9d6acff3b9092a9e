//! Scope: reading Google Benchmark 1.7 JSON into samples and comparing two such files.
#include "compare/gbench_reader.h"

#include <gtest/gtest.h>

#include "compare/comparer.h"

namespace contend {
namespace {

const std::string kData = CONTEND_COMPARE_TESTDATA;

// requirement: one cell per run_name, one sample per repetition; aggregates are skipped when
// repetitions exist; times are in ns.
TEST(GbenchReader, RepetitionsBecomeSamples) {
  auto s = load_samples(kData + "/gbench/base.json");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->format, "gbench");
  ASSERT_EQ(s->cells.size(), 2u);
  const Cell& c = s->cells.at("BM_MapMix/std_mutex_map/default/threads:2");
  ASSERT_EQ(c.samples.size(), 9u);
  EXPECT_NEAR(c.samples[0].metrics.at("real_time"), 150, 10);
  EXPECT_TRUE(c.samples[0].metrics.count("items_per_second"));
  EXPECT_FALSE(c.samples[0].metrics.count("iterations"));
}

// requirement: a 20 % slowdown of one benchmark over 9 repetitions is a regression of exactly
// that benchmark; the other is unchanged.
TEST(GbenchReader, CompareFlagsTheSlowBenchmark) {
  auto b = load_samples(kData + "/gbench/base.json");
  auto c = load_samples(kData + "/gbench/cand.json");
  ASSERT_TRUE(b.ok() && c.ok());
  const Comparison cmp = compare_sets(*b, *c, default_thresholds());
  EXPECT_TRUE(cmp.regression());
  for (const auto& cell : cmp.cells) {
    EXPECT_EQ(cell.regressed(), cell.key.find("std_mutex_map") != std::string::npos) << cell.key;
  }
}

// requirement: only-aggregate output and microsecond units are read; errors become failures.
TEST(GbenchReader, AggregatesUnitsAndErrors) {
  const auto j = nlohmann::json::parse(R"({"context": {}, "benchmarks": [
    {"name": "BM_A_mean", "run_name": "BM_A", "run_type": "aggregate", "aggregate_name": "mean",
     "real_time": 9, "cpu_time": 9, "time_unit": "us"},
    {"name": "BM_A_median", "run_name": "BM_A", "run_type": "aggregate", "aggregate_name": "median",
     "real_time": 2, "cpu_time": 2, "time_unit": "us"},
    {"name": "BM_B", "run_name": "BM_B", "run_type": "iteration", "error_occurred": true,
     "error_message": "map full"}]})");
  SampleSet s;
  ASSERT_TRUE(read_gbench_json(j, "x.json", s).ok());
  ASSERT_EQ(s.cells.at("BM_A").samples.size(), 1u);
  EXPECT_DOUBLE_EQ(s.cells.at("BM_A").samples[0].metrics.at("real_time"), 2000);
  EXPECT_EQ(s.cells.at("BM_B").samples[0].outcome, Outcome::kCrash);
  EXPECT_NE(s.cells.at("BM_B").samples[0].failure.find("map full"), std::string::npos);
  // An entry without a name is malformed.
  SampleSet t;
  auto bad = read_gbench_json(nlohmann::json::parse(R"({"context": {}, "benchmarks": [{"real_time": 1}]})"), "y.json", t);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("y.json: benchmarks[0]"), std::string::npos);
}

}  // namespace
}  // namespace contend
