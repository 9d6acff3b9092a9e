//! Scope: threshold rules (glob matching, first match wins, config overrides defaults) and
//! config errors.
#include "compare/thresholds.h"

#include <gtest/gtest.h>

namespace contend {
namespace {

// requirement: globs match whole names; '*' spans dots.
TEST(Thresholds, GlobMatch) {
  EXPECT_TRUE(glob_match("latency.*.p99", "latency.find.p99"));
  EXPECT_FALSE(glob_match("latency.*.p99", "latency.find.p999"));
  EXPECT_TRUE(glob_match("workload_metrics.*retained*", "workload_metrics.pool.retained_bytes"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("real_time", "real_time2"));
}

// requirement: the defaults judge the headline metrics and leave max latency informational.
TEST(Thresholds, Defaults) {
  const Thresholds t = default_thresholds();
  EXPECT_EQ(t.rule_for("latency.find.p99").better, Better::kLower);
  EXPECT_DOUBLE_EQ(t.rule_for("latency.find.p99").rel, 0.30);
  EXPECT_EQ(t.rule_for("throughput_ops_s").better, Better::kHigher);
  EXPECT_EQ(t.rule_for("latency.find.max").better, Better::kNone);
  EXPECT_EQ(t.rule_for("no.such.metric").better, Better::kNone);
  EXPECT_EQ(t.min_repetitions, 4);
  EXPECT_EQ(t.warn_repetitions, 9);
}

// requirement: a config's rules come before the defaults, so it can tighten one metric.
TEST(Thresholds, ConfigOverrides) {
  auto t = parse_thresholds(R"({"alpha": 0.01, "metrics": [{"match": "latency.find.p99", "rel": 0.05}]})", "cfg");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_DOUBLE_EQ(t->alpha, 0.01);
  EXPECT_DOUBLE_EQ(t->rule_for("latency.find.p99").rel, 0.05);
  EXPECT_DOUBLE_EQ(t->rule_for("latency.add.p99").rel, 0.30);
}

// error_guessing: bad configs are input errors naming the file and the field.
TEST(Thresholds, BadConfig) {
  auto a = parse_thresholds("{\"metrics\": [{\"match\": \"x\", \"better\": \"up\"}]}", "cfg.json");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("cfg.json"), std::string::npos);
  EXPECT_NE(a.error().message.find("up"), std::string::npos);
  EXPECT_FALSE(parse_thresholds("{\"alpha\": 2}", "cfg").ok());
  EXPECT_FALSE(parse_thresholds("{", "cfg").ok());
  EXPECT_EQ(parse_thresholds("[]", "cfg").error().code, ExitCode::kBadInput);
}

}  // namespace
}  // namespace contend
