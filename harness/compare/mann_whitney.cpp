#include "compare/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace contend {

namespace {

// counts[k] = number of orderings of n x's and m y's whose U (x above y pairs) equals k,
// by the recurrence c(n, m, k) = c(n-1, m, k-m) + c(n, m-1, k) (the last value is an x or a y).
std::vector<double> u_distribution(int n, int m) {
  // table[i][j] is the distribution for i x's and j y's; built row by row, keeping two rows.
  std::vector<std::vector<double>> prev(static_cast<std::size_t>(m) + 1), cur(static_cast<std::size_t>(m) + 1);
  for (int j = 0; j <= m; ++j) prev[static_cast<std::size_t>(j)] = {1.0};  // i = 0: U is always 0
  for (int i = 1; i <= n; ++i) {
    cur[0] = {1.0};  // j = 0: U is always 0
    for (int j = 1; j <= m; ++j) {
      std::vector<double> d(static_cast<std::size_t>(i * j) + 1, 0.0);
      const auto& with_x_last = prev[static_cast<std::size_t>(j)];  // last is an x above all j y's
      for (std::size_t k = 0; k < with_x_last.size(); ++k) d[k + static_cast<std::size_t>(j)] += with_x_last[k];
      const auto& with_y_last = cur[static_cast<std::size_t>(j - 1)];
      for (std::size_t k = 0; k < with_y_last.size(); ++k) d[k] += with_y_last[k];
      cur[static_cast<std::size_t>(j)] = std::move(d);
    }
    std::swap(prev, cur);
  }
  return prev[static_cast<std::size_t>(m)];
}

}  // namespace

double min_p_value(int n, int m) {
  if (n <= 0 || m <= 0) return 1.0;
  double c = 1;  // C(n+m, n), computed in floating point (it only needs to be approximate)
  for (int k = 1; k <= n; ++k) c = c * (m + k) / k;
  return std::min(1.0, 2.0 / c);
}

UTest mann_whitney_u(std::span<const double> x, std::span<const double> y) {
  UTest r;
  const auto n1 = x.size(), n2 = y.size();
  if (n1 == 0 || n2 == 0) return r;
  // Ranks of the pooled sample, ties get their average rank.
  std::vector<std::pair<double, int>> all;
  for (double v : x) all.push_back({v, 0});
  for (double v : y) all.push_back({v, 1});
  std::sort(all.begin(), all.end(), [](auto a, auto b) { return a.first < b.first; });
  const std::size_t n = all.size();
  double rank_sum_x = 0, tie_term = 0;
  bool ties = false;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && all[j].first == all[i].first) ++j;
    const double t = static_cast<double>(j - i);
    const double avg_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (all[k].second == 0) rank_sum_x += avg_rank;
    }
    if (t > 1) {
      ties = true;
      tie_term += t * t * t - t;
    }
    i = j;
  }
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2), dn = static_cast<double>(n);
  r.u = rank_sum_x - dn1 * (dn1 + 1) / 2.0;
  const double mu = dn1 * dn2 / 2.0;
  if (!ties && n1 <= 20 && n2 <= 20) {
    r.exact = true;
    const auto dist = u_distribution(static_cast<int>(n1), static_cast<int>(n2));
    const double total = std::accumulate(dist.begin(), dist.end(), 0.0);
    // Two-sided: twice the smaller tail, at the observed U (U is an integer without ties).
    const auto u = static_cast<std::size_t>(std::llround(r.u));
    double lower = 0, upper = 0;
    for (std::size_t k = 0; k < dist.size(); ++k) {
      if (k <= u) lower += dist[k];
      if (k >= u) upper += dist[k];
    }
    r.p_value = std::min(1.0, 2.0 * std::min(lower, upper) / total);
    return r;
  }
  const double sigma = std::sqrt(dn1 * dn2 / 12.0 * ((dn + 1) - tie_term / (dn * (dn - 1))));
  if (sigma == 0) return r;  // every value equal: no evidence of a difference
  const double u_big = std::max(r.u, dn1 * dn2 - r.u);
  const double z = (u_big - mu - 0.5) / sigma;  // continuity correction
  r.p_value = std::min(1.0, std::erfc(z / std::sqrt(2.0)));  // 2 * (1 - Phi(z))
  return r;
}

}  // namespace contend
