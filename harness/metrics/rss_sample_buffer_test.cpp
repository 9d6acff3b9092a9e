//! \file rss_sample_buffer_test.cpp
//! \brief Scope: RssSampleBuffer decimation (bounded size, first/last kept, interval doubling),
//! the least-squares slope on exact synthetic series, and summarize().
#include "metrics/rss_sample_buffer.h"

#include <gtest/gtest.h>

#include <memory>

namespace contend::metrics {
namespace {

RssSample at(uint64_t t_ms, uint64_t rss, uint64_t alloc = 0) {
  return {t_ms * 1'000'000, rss, rss / 2, alloc};
}

// requirement: the slope of an exactly linear series is that line's slope.
TEST(RssSampleBuffer, SlopeOfALinearSeriesIsExact) {
  RssSample s[100];
  for (uint64_t i = 0; i < 100; ++i)
    s[i] = at(50 * i, 100'000'000 + 3'000'000 * i, 7'000'000 - 1000 * i);  // +60 MB/s, -20 kB/s
  EXPECT_NEAR(least_squares_slope(s, 100, &RssSample::rss_bytes), 60e6, 1e-3);
  EXPECT_NEAR(least_squares_slope(s, 100, &RssSample::anon_bytes), 30e6, 1e-3);
  EXPECT_NEAR(least_squares_slope(s, 100, &RssSample::alloc_in_use_bytes), -20e3, 1e-6);
  EXPECT_EQ(least_squares_slope(s, 1, &RssSample::rss_bytes), 0.0);
  EXPECT_EQ(least_squares_slope(s, 0, &RssSample::rss_bytes), 0.0);
  RssSample same_time[3] = {at(5, 1), at(5, 2), at(5, 3)};
  EXPECT_EQ(least_squares_slope(same_time, 3, &RssSample::rss_bytes), 0.0);
  // Symmetric noise around a line does not move the fit.
  RssSample zig[4] = {at(0, 10), at(1000, 30), at(2000, 30), at(3000, 50)};
  EXPECT_NEAR(least_squares_slope(zig, 4, &RssSample::rss_bytes), 12.0, 1e-9);
}

// requirement: a run of any length stays within capacity, covers first to last, and doubles the
// interval at each decimation.
TEST(RssSampleBuffer, DecimationKeepsFirstAndLastInBoundedSize) {
  auto b = std::make_unique<RssSampleBuffer>();
  b->reset(50'000'000);
  constexpr uint64_t kPushed = 3 * RssSampleBuffer::kCapacity + 17;
  for (uint64_t i = 0; i < kPushed; ++i) {
    b->push(at(i, 1000 + i));
    ASSERT_LE(b->size, RssSampleBuffer::kCapacity);
    ASSERT_EQ(b->samples[0].t_ns, 0u);
    ASSERT_EQ(b->samples[b->size - 1].t_ns, i * 1'000'000) << "latest sample kept";
  }
  // The first decimation at push 4097, then one every 2048 pushes (12289 is the last).
  EXPECT_EQ(b->decimations, 5u);
  EXPECT_EQ(b->interval_ns, 50'000'000u << 5);
  EXPECT_GE(b->size, RssSampleBuffer::kCapacity / 2);
  EXPECT_EQ(b->ordered_size(), b->size);
  for (uint32_t i = 1; i < b->size; ++i) ASSERT_LT(b->samples[i - 1].t_ns, b->samples[i].t_ns);
  // The fit over the decimated series is still the line's slope (1 byte per ms).
  const RssSummary s = summarize(*b);
  EXPECT_NEAR(s.slope_bytes_per_s, 1000.0, 1e-6);
  EXPECT_EQ(s.start_bytes, 1000u);
  EXPECT_EQ(s.end_bytes, 1000 + kPushed - 1);
  EXPECT_EQ(s.peak_bytes, 1000 + kPushed - 1);
}

TEST(RssSampleBuffer, SummaryOfEmptyAndOfAPeak) {
  auto b = std::make_unique<RssSampleBuffer>();
  b->reset(1);
  EXPECT_EQ(summarize(*b).samples, 0u);
  EXPECT_EQ(summarize(*b).peak_bytes, 0u);
  b->push(at(0, 100, 10));
  b->push(at(1000, 900, 20));
  b->push(at(2000, 200, 30));
  RssSummary s = summarize(*b);
  EXPECT_EQ(s.samples, 3u);
  EXPECT_DOUBLE_EQ(s.duration_s, 2.0);
  EXPECT_EQ(s.start_bytes, 100u);
  EXPECT_EQ(s.peak_bytes, 900u);
  EXPECT_EQ(s.end_bytes, 200u);
  EXPECT_EQ(s.alloc_start_bytes, 10u);
  EXPECT_EQ(s.alloc_end_bytes, 30u);
  EXPECT_NEAR(s.alloc_slope_bytes_per_s, 10.0, 1e-9);
  b->peak_hwm_bytes = 5000;  // a peak between samples, seen by VmHWM
  EXPECT_EQ(summarize(*b).peak_bytes, 5000u);
}

// error_guessing: a child killed mid-decimation leaves samples out of order; only the ordered
// prefix is summarised. Read errors are counted and the first message kept.
TEST(RssSampleBuffer, TornBufferAndErrors) {
  auto b = std::make_unique<RssSampleBuffer>();
  b->reset(1);
  b->push(at(0, 1));
  b->push(at(10, 2));
  b->push(at(5, 3));
  EXPECT_EQ(b->ordered_size(), 2u);
  EXPECT_EQ(summarize(*b).samples, 2u);
  EXPECT_EQ(summarize(*b).end_bytes, 2u);
  b->note_error("cannot open /proc/self/smaps_rollup");
  b->note_error("second");
  EXPECT_EQ(b->read_errors, 2u);
  EXPECT_STREQ(b->first_error, "cannot open /proc/self/smaps_rollup");
  EXPECT_EQ(summarize(*b).read_errors, 2u);
}

}  // namespace
}  // namespace contend::metrics
