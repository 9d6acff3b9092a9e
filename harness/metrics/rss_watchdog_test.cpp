//! \file rss_watchdog_test.cpp
//! \brief Scope: RssWatchdog trips once past the limit, records the first exceeding sample, is
//! inert when disabled, and works on zero-filled (shared-memory style) storage.
#include "metrics/rss_watchdog.h"

#include <gtest/gtest.h>

#include <cstring>
#include <new>

namespace contend::metrics {
namespace {

TEST(RssWatchdog, DisabledNeverTrips) {
  RssWatchdog w;
  EXPECT_FALSE(w.check(UINT64_MAX, 1));
  EXPECT_FALSE(w.exceeded());
  EXPECT_EQ(w.exceeded_rss_bytes(), 0u);
}

// requirement: the runner sees the flag and the first value that exceeded the limit.
TEST(RssWatchdog, TripsOnceAndKeepsTheFirstValue) {
  alignas(RssWatchdog) unsigned char raw[sizeof(RssWatchdog)];
  std::memset(raw, 0, sizeof raw);
  RssWatchdog* w = new (raw) RssWatchdog();
  w->set_limit_mb(100);
  EXPECT_EQ(w->limit_bytes(), 100u << 20);
  EXPECT_FALSE(w->check(100u << 20, 1));  // equal is not exceeded
  EXPECT_FALSE(w->exceeded());
  EXPECT_TRUE(w->check((100u << 20) + 1, 2));
  EXPECT_TRUE(w->exceeded());
  EXPECT_TRUE(w->check(200u << 20, 3));
  EXPECT_TRUE(w->check(1, 4));  // stays tripped after RSS falls
  EXPECT_EQ(w->exceeded_rss_bytes(), (100u << 20) + 1);
  EXPECT_EQ(w->exceeded_at_ns(), 2u);
}

}  // namespace
}  // namespace contend::metrics
