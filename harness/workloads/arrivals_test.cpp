// Scope: the open-loop generators: requested mean rates over long sequences, determinism per
// seed, and the heavy tail of session lifetimes.
#include "workloads/arrivals.h"

#include <gtest/gtest.h>

#include <vector>

namespace contend::workloads {
namespace {

// requirement: a Poisson process of rate r yields n arrivals in about n/r seconds (within 2% for
// n = 200k: the relative s.d. of the sum of n exponentials is 1/sqrt(n) = 0.22%).
TEST(Arrivals, PoissonMeanRateWithinTolerance) {
  for (double rate : {10.0, 200.0, 20000.0}) {
    PoissonProcess p(rate, 42);
    double t = 0;
    const int n = 200'000;
    for (int i = 0; i < n; ++i) t = p.next();
    EXPECT_NEAR(n / t, rate, rate * 0.02) << rate;
  }
}

// requirement: the fixed-interval (ticker) process has exactly the requested rate.
TEST(Arrivals, FixedIntervalExactRate) {
  FixedInterval f(0.001, 0.0005);
  double t = 0;
  for (int i = 0; i < 10'000; ++i) t = f.next();
  EXPECT_NEAR(t, 0.0005 + 9999 * 0.001, 1e-9);
}

// requirement: generators are deterministic per seed and differ across seeds.
TEST(Arrivals, DeterministicPerSeed) {
  PoissonProcess a(100, 7), b(100, 7), c(100, 8);
  bool differ = false;
  for (int i = 0; i < 1000; ++i) {
    const double x = a.next(), y = b.next(), z = c.next();
    EXPECT_EQ(x, y);
    differ |= x != z;
  }
  EXPECT_TRUE(differ);
  Rng r1(5), r2(5);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(pareto(r1, 0.5, 1.2, 60), pareto(r2, 0.5, 1.2, 60));
}

// requirement: Pareto lifetimes have the heavy tail: with alpha 1.2, P(X > 10 x_m) =
// 10^-1.2 = 6.3%; all values lie in [x_m, cap].
TEST(Arrivals, ParetoTail) {
  Rng r(9);
  int over = 0;
  const int n = 100'000;
  for (int i = 0; i < n; ++i) {
    const double x = pareto(r, 0.5, 1.2, 60);
    ASSERT_GE(x, 0.5);
    ASSERT_LE(x, 60);
    over += x > 5.0;
  }
  EXPECT_NEAR(static_cast<double>(over) / n, std::pow(10.0, -1.2), 0.005);
}

}  // namespace
}  // namespace contend::workloads
