// LatencyHistogram: the cold paths (overflow, merge, queries). record() is inline in the header.
#include "metrics/latency_histogram.h"

#include <cmath>
#include <limits>

namespace contend::metrics {
namespace {

uint64_t saturating_add(uint64_t a, uint64_t b) noexcept {
  const uint64_t s = a + b;
  return s < a ? std::numeric_limits<uint64_t>::max() : s;
}

}  // namespace

uint64_t LatencyHistogram::percentile_rank(double p, uint64_t n) noexcept {
  if (n == 0) return 0;
  if (!(p > 0.0)) return 1;  // also catches NaN
  if (p >= 100.0) return n;
  const double x = p / 100.0 * static_cast<double>(n);
  const double r = std::ceil(x * (1.0 - 1e-12));
  if (r < 1.0) return 1;
  if (r >= static_cast<double>(n)) return n;
  return static_cast<uint64_t>(r);
}

void LatencyHistogram::record_overflow(uint64_t ns) noexcept {
  ++overflow_;
  ++count_;
  sum_ = saturating_add(sum_, ns);
  max_ = std::max(max_, ns);
  min_complement_ = std::max(min_complement_, ~ns);
}

void LatencyHistogram::merge(const LatencyHistogram& other) noexcept {
  for (size_t i = 0; i < kBucketCount; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  overflow_ += other.overflow_;
  sum_ = saturating_add(sum_, other.sum_);
  max_ = std::max(max_, other.max_);
  min_complement_ = std::max(min_complement_, other.min_complement_);
}

double LatencyHistogram::mean() const noexcept {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_);
}

uint64_t LatencyHistogram::percentile(double p) const noexcept {
  // Rank over the bucket total rather than count_: after a torn record() (child killed mid-way)
  // the two can differ by one, and the walk below must always find its rank.
  uint64_t total = overflow_;
  for (size_t i = 0; i < kBucketCount; ++i) total += buckets_[i];
  const uint64_t rank = percentile_rank(p, total);
  if (rank == 0) return 0;
  if (rank == 1) return min();
  if (rank == total) return max();
  uint64_t seen = 0;
  for (size_t i = 0; i < kBucketCount; ++i) {
    seen += buckets_[i];
    if (seen >= rank) return std::min(std::max(bucket_highest(i), min()), max());
  }
  return max();  // the rank lies among overflowed values
}

}  // namespace contend::metrics
