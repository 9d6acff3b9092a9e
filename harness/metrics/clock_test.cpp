//! \file clock_test.cpp
//! \brief Scope: init_clock() picks a source and calibrates it; ticks_to_ns() agrees with
//! steady_clock; now_ticks() never goes backwards on one thread.
#include "metrics/clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace contend::metrics {
namespace {

// requirement: a tick interval converted to ns matches steady_clock within 2% over ~50 ms.
TEST(Clock, ConversionMatchesSteadyClockWithin2Percent) {
  const ClockInfo& info = init_clock();
  RecordProperty("clock_source", info.reason);
  const uint64_t s0 = detail::steady_now_ns();
  const uint64_t t0 = now_ticks();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const uint64_t t1 = now_ticks();
  const uint64_t s1 = detail::steady_now_ns();
  const double steady = static_cast<double>(s1 - s0);
  const double ticks = static_cast<double>(ticks_to_ns(t1 - t0));
  EXPECT_GT(steady, 45e6);
  EXPECT_NEAR(ticks / steady, 1.0, 0.02) << "source: " << info.reason;
}

// requirement: init_clock() is idempotent and its choice is reflected by the hot-path globals.
TEST(Clock, InitIsIdempotentAndConsistent) {
  const ClockInfo& a = init_clock();
  const ClockInfo& b = init_clock();
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(detail::g_use_tsc.load(), a.source == ClockSource::kTsc);
  EXPECT_EQ(detail::g_ns_per_tick.load(), a.ns_per_tick);
  EXPECT_GT(a.ns_per_tick, 0.0);
  if (a.source == ClockSource::kTsc) {
    EXPECT_TRUE(a.invariant_tsc);
    EXPECT_GT(a.tsc_ghz, 0.1);
  }
}

// requirement: successive reads on one thread are non-decreasing.
TEST(Clock, MonotonicOnOneThread) {
  init_clock();
  uint64_t prev = now_ticks();
  for (int i = 0; i < 1'000'000; ++i) {
    const uint64_t t = now_ticks();
    ASSERT_GE(t, prev) << "at iteration " << i;
    prev = t;
  }
}

}  // namespace
}  // namespace contend::metrics
