//! Scope: the Markdown report names what regressed, by how much, with the noise stated.
#include "report/markdown_reporter.h"

#include <gtest/gtest.h>

#include "report/comparison_fixture.h"

namespace contend {
namespace {

// requirement: a regression report leads with the verdict and lists the metric, the change and
// the p-value in the "significant changes" table; the full table is folded in <details>.
TEST(MarkdownReporter, NamesRegressionAndNoise) {
  const auto f = testing::compare_fixture("regression");
  const std::string md = render_markdown(f.cmp, "A/B");
  EXPECT_EQ(md.rfind("## :x: A/B", 0), 0u) << md.substr(0, 80);
  EXPECT_NE(md.find("### Significant changes beyond threshold"), std::string::npos);
  EXPECT_NE(md.find("| std_mutex_map map-mix/default t2 | `throughput_ops_s` |"), std::string::npos);
  EXPECT_NE(md.find("REGRESSION"), std::string::npos);
  EXPECT_NE(md.find("5 vs 5"), std::string::npos);
  EXPECT_NE(md.find("low power"), std::string::npos);  // the noise caveat is stated
  EXPECT_NE(md.find("<details>"), std::string::npos);
  EXPECT_LT(md.size(), 1024u * 1024u);  // GitHub step-summary limit
}

// requirement: a new violation gets its own table with the violation's sentence.
TEST(MarkdownReporter, NewFailureTable) {
  const auto f = testing::compare_fixture("violation");
  const std::string md = render_markdown(f.cmp, "gate");
  EXPECT_NE(md.find("### New failures"), std::string::npos);
  EXPECT_NE(md.find("lost-update, violation"), std::string::npos);
  EXPECT_NE(md.find("final sum 41 below"), std::string::npos);
}

// requirement: an unchanged comparison is a pass with no change table.
TEST(MarkdownReporter, NoiseIsAPass) {
  const std::string md = render_markdown(testing::compare_fixture("noise").cmp, "gate");
  EXPECT_EQ(md.rfind("## :white_check_mark: gate", 0), 0u);
  EXPECT_EQ(md.find("### Significant changes"), std::string::npos);
}

}  // namespace
}  // namespace contend
