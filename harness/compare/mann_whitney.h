// Mann-Whitney U test (two-sided), the rank test Google Benchmark's compare.py runs over
// repetitions. Distribution-free, so it fits latency and throughput samples, which are skewed
// and have outliers. Pure functions; thread-safe.
#pragma once

#include <span>

namespace contend {

struct UTest {
  double u = 0;        // U statistic of the first sample (number of (x, y) pairs with x > y, ties 1/2)
  double p_value = 1;  // two-sided; 1 when either sample is empty or all values are equal
  bool exact = false;  // exact permutation distribution (no ties, small samples) vs normal approx.
};

// Exact distribution when there are no ties and both samples have at most 20 values; otherwise
// the normal approximation with tie and continuity correction (the same choices as
// scipy.stats.mannwhitneyu(method="auto"), so figures agree with compare.py).
UTest mann_whitney_u(std::span<const double> x, std::span<const double> y);

// The smallest two-sided p-value the exact test can reach with samples of sizes n and m:
// 2 / C(n+m, n). With 3 vs 3 that is 0.1, so below 4 repetitions per side no change can be
// significant at alpha 0.05.
double min_p_value(int n, int m);

}  // namespace contend
