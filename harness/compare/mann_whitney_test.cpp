//! Scope: the two-sided Mann-Whitney U test. Reference values: exact p-values by brute-force
//! enumeration of all C(10,5) splits (Python itertools), the tie case from the textbook formula.
#include "compare/mann_whitney.h"

#include <gtest/gtest.h>

#include <vector>

namespace contend {
namespace {

// requirement: fully separated samples give the smallest exact p-value, 2 / C(10, 5).
TEST(MannWhitney, SeparatedSamplesExact) {
  std::vector<double> a{1, 2, 3, 4, 5}, b{6, 7, 8, 9, 10};
  const UTest t = mann_whitney_u(a, b);
  EXPECT_TRUE(t.exact);
  EXPECT_DOUBLE_EQ(t.u, 0);
  EXPECT_NEAR(t.p_value, 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(mann_whitney_u(b, a).p_value, t.p_value, 1e-12);  // symmetric
  EXPECT_NEAR(min_p_value(5, 5), 2.0 / 252.0, 1e-12);
}

// requirement: interleaved samples are not significant (enumeration: U=10, p=0.6904761904761905).
TEST(MannWhitney, InterleavedExact) {
  std::vector<double> a{1, 3, 5, 7, 9}, b{2, 4, 6, 8, 10};
  const UTest t = mann_whitney_u(a, b);
  EXPECT_DOUBLE_EQ(t.u, 10);
  EXPECT_NEAR(t.p_value, 0.6904761904761905, 1e-12);
}

// requirement: with ties the normal approximation with tie and continuity correction is used
// x = {1,2,2,3}, y = {2,3,4,5}: U=2.5, sigma = sqrt(16/12 * (9 - 30/56)), z = (13.5-8-0.5)/sigma,
// p = erfc(z / sqrt 2) = 0.136658...
TEST(MannWhitney, TiesUseNormalApproximation) {
  std::vector<double> a{1, 2, 2, 3}, b{2, 3, 4, 5};
  const UTest t = mann_whitney_u(a, b);
  EXPECT_FALSE(t.exact);
  EXPECT_DOUBLE_EQ(t.u, 2.5);
  EXPECT_NEAR(t.p_value, 0.13665824773814753, 1e-9);
}

// error_guessing: degenerate inputs must not divide by zero or claim significance.
TEST(MannWhitney, DegenerateInputs) {
  std::vector<double> same{4, 4, 4}, empty{};
  EXPECT_DOUBLE_EQ(mann_whitney_u(same, same).p_value, 1.0);
  EXPECT_DOUBLE_EQ(mann_whitney_u(same, empty).p_value, 1.0);
  EXPECT_DOUBLE_EQ(min_p_value(3, 3), 0.1);  // why 4 repetitions per side is the minimum at alpha 0.05
}

}  // namespace
}  // namespace contend
