//! Scope: JUnit XML: one testcase per cell; regressions and new violations are failures.
#include "report/junit_reporter.h"

#include <gtest/gtest.h>

#include "report/comparison_fixture.h"

namespace contend {
namespace {

int occurrences(const std::string& s, const std::string& what) {
  int n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// requirement: a regression is a <failure type="regression"> naming the metric and change.
TEST(JunitReporter, RegressionIsAFailure) {
  const std::string x = render_junit(testing::compare_fixture("regression").cmp, "ab");
  EXPECT_EQ(occurrences(x, "<testcase "), 1);
  EXPECT_NE(x.find("tests=\"1\" failures=\"1\""), std::string::npos);
  EXPECT_NE(x.find("<failure type=\"regression\" message=\"regression: "), std::string::npos);
  EXPECT_NE(x.find("throughput_ops_s"), std::string::npos);
  EXPECT_NE(x.find("classname=\"contend.ab\" name=\"std_mutex_map map-mix/default t2\""), std::string::npos);
}

// requirement: a new violation is a failure of type "violation"; noise has no failure; a
// single result set (empty baseline) reports its violations as failures too.
TEST(JunitReporter, ViolationsAndPasses) {
  const auto v = testing::compare_fixture("violation");
  EXPECT_NE(render_junit(v.cmp, "ab").find("<failure type=\"violation\""), std::string::npos);
  EXPECT_EQ(render_junit(testing::compare_fixture("noise").cmp, "ab").find("<failure"), std::string::npos);
  const std::string single = render_junit(compare_sets(SampleSet{}, v.cand, default_thresholds()), "matrix");
  EXPECT_NE(single.find("failures=\"1\""), std::string::npos);
}

}  // namespace
}  // namespace contend
