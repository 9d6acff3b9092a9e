// LatencyHistogram: a fixed-size, log-linear (HdrHistogram-style) histogram of nanosecond values.
//
// Buckets: values 0..127 are counted exactly (width 1). Above that, every power-of-two range
// [2^k, 2^(k+1)), k = 7..40, is split into 64 equal sub-buckets of width 2^(k-6), so a bucket's
// width is at most 1/64 of any value in it: relative precision 1/64 = 1.5625%.
// Tracked range: [0, kTrackedLimit) = [0, 2^41) ns (~36.6 min). Larger values are not bucketed;
// they increment overflow_count() but still count in count()/min()/max()/sum().
//
// Precision contract of percentile(p) (nearest-rank definition, see percentile_rank()):
// let v be the rank-th smallest recorded value. Then  v <= percentile(p) <= v + v/64
// (never an underestimate; it is the bucket's highest value, clamped to [min(), max()]).
// percentile(0)/the rank-1 value is min() exactly; percentile(100) is max() exactly. A rank that
// falls among overflowed values returns max().
//
// Memory: sizeof(LatencyHistogram) == 18,472 bytes (2,304 x 8-byte buckets + 40-byte header),
// fixed, independent of the number of values recorded. No heap, no pointers.
//
// Shared-memory use: the type is standard-layout and trivially copyable, and an all-zero-bytes
// object is a valid empty histogram (min is stored complemented), so it can live in a
// MAP_SHARED|MAP_ANONYMOUS region created before fork. Construct it in place
// (`new (p) LatencyHistogram()`), which only zero-fills; a freshly mmapped zero page already
// holds the same bytes. The parent may read it after the child exits (waitpid orders the reads
// after all the child's writes). If the child died mid-record(), at most one value is torn
// (count() may differ from the bucket total by one); percentile() walks the buckets and so stays
// consistent.
//
// Thread-safety: none. One writer thread per histogram (plain non-atomic stores keep record() a
// few ns). Read or merge() only after the writer has quiesced (thread join, or child exit).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace contend::metrics {

class LatencyHistogram {
 public:
  static constexpr unsigned kSubBucketBits = 6;                      // 64 sub-buckets per octave
  static constexpr uint64_t kSubBuckets = uint64_t{1} << kSubBucketBits;
  static constexpr unsigned kMaxExponent = 40;                       // highest octave 2^40..2^41-1
  static constexpr uint64_t kTrackedLimit = uint64_t{1} << (kMaxExponent + 1);
  static constexpr size_t kBucketCount =
      (kMaxExponent - kSubBucketBits) * kSubBuckets + 2 * kSubBuckets;  // 2304
  static constexpr double kRelativePrecision = 1.0 / kSubBuckets;  // 0.015625

  // Bucket index of a value < kTrackedLimit. Branch-free: values below 128 take shift 0 (the
  // `| 127` pins the exponent to 6), so index = v there; above, index = shift*64 + mantissa.
  static constexpr size_t bucket_index(uint64_t v) noexcept {
    const unsigned exponent = 63u - static_cast<unsigned>(std::countl_zero(v | 127u));
    const unsigned shift = exponent - kSubBucketBits;
    return static_cast<size_t>(shift) * kSubBuckets + static_cast<size_t>(v >> shift);
  }
  // Smallest and largest value that map to bucket i (i < kBucketCount).
  static constexpr uint64_t bucket_lowest(size_t i) noexcept {
    if (i < 2 * kSubBuckets) return i;
    const uint64_t shift = i / kSubBuckets - 1;
    const uint64_t mantissa = i % kSubBuckets + kSubBuckets;
    return mantissa << shift;
  }
  static constexpr uint64_t bucket_highest(size_t i) noexcept {
    if (i < 2 * kSubBuckets) return i;
    const uint64_t shift = i / kSubBuckets - 1;
    return bucket_lowest(i) + (uint64_t{1} << shift) - 1;
  }

  // Nearest-rank: the 1-based rank of percentile p (clamped to [0,100]) among n values, i.e.
  // ceil(p/100 * n) clamped to [1, n]; a relative 1e-12 slack absorbs binary rounding of p
  // (99.9% of 1000 is rank 999, not 1000). Returns 0 when n == 0.
  static uint64_t percentile_rank(double p, uint64_t n) noexcept;

  LatencyHistogram() noexcept = default;

  // Records one value in ns. Allocation-free, constant time; values >= kTrackedLimit go to the
  // overflow count (a predicted-not-taken branch).
  void record(uint64_t ns) noexcept {
    if (ns >= kTrackedLimit) [[unlikely]] {
      record_overflow(ns);
      return;
    }
    ++buckets_[bucket_index(ns)];
    ++count_;
    sum_ += ns;  // cannot wrap: needs > 2^23 values of the maximum tracked size
    max_ = std::max(max_, ns);
    min_complement_ = std::max(min_complement_, ~ns);
  }

  // Adds every value recorded in `other` (exactly as if recorded here).
  void merge(const LatencyHistogram& other) noexcept;
  // Back to the empty state (all zero bytes).
  void reset() noexcept { *this = LatencyHistogram(); }

  uint64_t count() const noexcept { return count_; }
  uint64_t overflow_count() const noexcept { return overflow_; }
  uint64_t min() const noexcept { return count_ == 0 ? 0 : ~min_complement_; }  // 0 if empty
  uint64_t max() const noexcept { return max_; }                                  // 0 if empty
  uint64_t sum() const noexcept { return sum_; }  // saturates at UINT64_MAX (overflow values only)
  double mean() const noexcept;                   // exact sum / count; 0 if empty
  // Value at percentile p in [0, 100] (clamped) under the contract above; 0 if empty.
  uint64_t percentile(double p) const noexcept;
  // Raw count of bucket i (for serialisation and tests).
  uint64_t bucket_count(size_t i) const noexcept { return buckets_[i]; }

  friend bool operator==(const LatencyHistogram&, const LatencyHistogram&) = default;

 private:
  void record_overflow(uint64_t ns) noexcept;

  uint64_t count_ = 0;           // all values, including overflowed ones
  uint64_t sum_ = 0;             // exact sum of all values (saturating)
  uint64_t max_ = 0;             // exact max
  uint64_t min_complement_ = 0;  // ~min, so that all-zero bytes mean "empty"
  uint64_t overflow_ = 0;        // values >= kTrackedLimit (not in buckets_)
  uint64_t buckets_[kBucketCount] = {};
};

static_assert(std::is_standard_layout_v<LatencyHistogram>);
static_assert(std::is_trivially_copyable_v<LatencyHistogram>);
static_assert(sizeof(LatencyHistogram) == 8 * (5 + LatencyHistogram::kBucketCount));
static_assert(LatencyHistogram::bucket_index(LatencyHistogram::kTrackedLimit - 1) ==
              LatencyHistogram::kBucketCount - 1);

}  // namespace contend::metrics
