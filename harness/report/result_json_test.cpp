//! \brief Result JSON: round trip, and clear errors for truncated, malformed and
//! wrong-version documents. Scope: report/result.h.
#include "report/result.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/atomic_file.h"

namespace contend {
namespace {

RunResult sample() {
  RunResult r;
  r.contend_version = "0.1.0";
  r.target = "tbb_hash_map";
  r.workload = "map-mix";
  r.params = {{"preset", "default"}, {"seed", 5}};
  r.threads = 2;
  r.seed = 5;
  r.duration_s = 1.5;
  r.notes = {"erase left out"};
  r.total_ops = 1000;
  r.throughput_ops_s = 666.6;
  r.latency_ns["find"] = {500, 40, 80, 130, 200, 5000, 55.5};
  r.rss = {100, 300, 200, 12.5, 7, 10, 20, 1.5, {{0.0, 100, 10}, {1.0, 200, 20}}};
  r.violations = {{"lost-update", "T1: lost", 1, 42, true}, {"size-mismatch", "after", -1, 0, false}};
  r.violations_total = 2;
  r.outcome = Outcome::kViolation;
  r.outcome_detail = "2 violations";
  r.replay_command = "contend run --target tbb_hash_map --seed 5";
  return r;
}

std::string tmp(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + name)).string();
}

//! requirement: write -> read gives back every field.
TEST(ResultJson, RoundTrip) {
  const std::string path = tmp("_rt.json");
  ASSERT_TRUE(write_result_file(path, sample()).ok());
  auto r = read_result_file(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(to_json(*r), to_json(sample()));
  std::filesystem::remove(path);
}

//! error_guessing: a truncated file is a bad-input error that says so, never a crash.
TEST(ResultJson, TruncatedIsBadInput) {
  const std::string text = to_json(sample()).dump(2);
  const std::string path = tmp("_trunc.json");
  ASSERT_TRUE(write_file_atomically(path, text.substr(0, text.size() / 2)).ok());
  auto r = read_result_file(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ExitCode::kBadInput);
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos);
  std::filesystem::remove(path);
}

//! error_guessing: wrong schema version, missing and mistyped fields name the problem.
TEST(ResultJson, SchemaAndFieldErrors) {
  auto j = to_json(sample());
  j["schema"] = 99;
  auto v = result_from_json(j, "x.json");
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().message.find("schema version 99"), std::string::npos);
  j = to_json(sample());
  j["run"].erase("target");
  auto m = result_from_json(j, "x.json");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("run.target"), std::string::npos);
  j = to_json(sample());
  j["latency_ns"]["find"]["p99"] = "fast";
  auto t = result_from_json(j, "x.json");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("latency_ns.find.p99"), std::string::npos);
  j = to_json(sample());
  j["outcome"] = "exploded";
  EXPECT_FALSE(result_from_json(j, "x.json").ok());
  EXPECT_FALSE(result_from_json(nlohmann::json::array(), "x.json").ok());
}

}  // namespace
}  // namespace contend
