//! Scope: matrix config parsing, cell expansion and the allocator-dimension gate.
#include "compare/matrix_config.h"

#include <gtest/gtest.h>

namespace contend {
namespace {

// requirement: cells are the cross product; repetitions and duration are read.
TEST(MatrixConfig, CrossProduct) {
  auto c = parse_matrix_config(R"({"targets": ["a", "b"], "workloads": [{"workload": "map-mix",
      "presets": ["default", "churn"]}], "threads": [1, 2], "repetitions": 3, "duration_s": 0.25})", "m", false);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->cells().size(), 8u);
  EXPECT_EQ(c->cells()[0].name(), "a map-mix-default t1");
  EXPECT_EQ(c->repetitions, 3u);
}

// requirement: 'allocators' is accepted only when `contend run` has --allocator; otherwise the
// error says so instead of running every cell with the default allocator.
TEST(MatrixConfig, AllocatorDimensionNeedsTheFlag) {
  const char* doc = R"({"targets": ["a"], "workloads": [{"workload": "map-mix", "presets": ["default"]}],
      "allocators": ["glibc", "jemalloc"]})";
  auto no = parse_matrix_config(doc, "m.json", false);
  ASSERT_FALSE(no.ok());
  EXPECT_NE(no.error().message.find("--allocator"), std::string::npos);
  auto yes = parse_matrix_config(doc, "m.json", true);
  ASSERT_TRUE(yes.ok());
  EXPECT_EQ(yes->cells().size(), 2u);
  EXPECT_EQ(yes->cells()[1].name(), "a map-mix-default t2 jemalloc");
}

// error_guessing: typos in keys and empty dimensions are input errors naming the file.
TEST(MatrixConfig, Errors) {
  auto typo = parse_matrix_config(R"({"target": ["a"], "workloads": []})", "m.json", false);
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("unknown key 'target'"), std::string::npos);
  EXPECT_FALSE(parse_matrix_config(R"({"targets": [], "workloads": []})", "m", false).ok());
  EXPECT_FALSE(parse_matrix_config("{", "m", false).ok());
}

}  // namespace
}  // namespace contend
