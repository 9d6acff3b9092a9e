// Test helper for the comparison reporters: loads one scenario of harness/compare/testdata
// (base/ and cand/) and compares it with the default thresholds.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "compare/comparer.h"
#include "compare/sample_set.h"

namespace contend::testing {

struct ComparedFixture {
  SampleSet base, cand;
  Comparison cmp;
};

inline ComparedFixture compare_fixture(const std::string& scenario) {
  const std::string dir = std::string(CONTEND_COMPARE_TESTDATA) + "/" + scenario;
  auto b = load_samples(dir + "/base");
  auto c = load_samples(dir + "/cand");
  EXPECT_TRUE(b.ok() && c.ok()) << dir;
  ComparedFixture f{*b, *c, {}};
  f.cmp = compare_sets(f.base, f.cand, default_thresholds());
  return f;
}

}  // namespace contend::testing
