//! \file rss_sampler_test.cpp
//! \brief Scope: a real RssSampler records samples, sees RSS grow when 64 MiB are touched, feeds
//! the watchdog, and starts/stops cleanly.
#include "metrics/rss_sampler.h"

#include <sys/mman.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <thread>

namespace contend::metrics {
namespace {

constexpr size_t k64MiB = size_t{64} << 20;

// requirement: the sampler records a time series in which touching 64 MiB shows as RSS and
// anonymous growth with a positive slope.
TEST(RssSampler, SeesRssGrowAfterTouching64MiB) {
  auto buffer = std::make_unique<RssSampleBuffer>();
  RssWatchdog watchdog;
  RssSampler sampler(*buffer, {.interval_ms = 10, .watchdog = &watchdog});
  ASSERT_TRUE(sampler.start().ok());
  watchdog.set_limit_bytes(buffer->samples[0].rss_bytes + k64MiB / 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  // mmap directly so the allocator's own policy cannot hide or pre-fault the pages.
  void* p = mmap(nullptr, k64MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  std::memset(p, 1, k64MiB);
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  sampler.stop();
  EXPECT_FALSE(sampler.running());
  munmap(p, k64MiB);

  const RssSummary s = summarize(*buffer);
  EXPECT_GE(s.samples, 8u) << "a 10 ms sampler over ~140 ms";
  EXPECT_EQ(s.read_errors, 0u) << buffer->first_error;
  EXPECT_GE(s.end_bytes, s.start_bytes + k64MiB * 9 / 10);
  EXPECT_GE(s.anon_end_bytes, buffer->samples[0].anon_bytes + k64MiB * 9 / 10);
  EXPECT_GE(s.peak_bytes, s.end_bytes);
  EXPECT_GT(s.slope_bytes_per_s, 0.0);
  for (uint32_t i = 1; i < buffer->size; ++i)
    ASSERT_LT(buffer->samples[i - 1].t_ns, buffer->samples[i].t_ns);
  EXPECT_TRUE(watchdog.exceeded());
  EXPECT_GE(watchdog.exceeded_rss_bytes(), watchdog.limit_bytes());
}

// requirement: start/stop are safe to misuse: double start is an error, stop is idempotent,
// the destructor joins a running sampler.
TEST(RssSampler, StartStopLifecycle) {
  auto buffer = std::make_unique<RssSampleBuffer>();
  {
    RssSampler sampler(*buffer, {.interval_ms = 5});
    ASSERT_TRUE(sampler.start().ok());
    EXPECT_TRUE(sampler.running());
    EXPECT_FALSE(sampler.start().ok());
    sampler.stop();
    sampler.stop();
    EXPECT_GE(buffer->size, 2u);  // first and final samples at least
    ASSERT_TRUE(sampler.start().ok());  // restartable; the buffer is reset
  }
  EXPECT_GE(buffer->size, 2u);
  RssSampler bad(*buffer, {.interval_ms = 0});
  EXPECT_FALSE(bad.start().ok());
}

}  // namespace
}  // namespace contend::metrics
