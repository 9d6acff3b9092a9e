//! \file rss_linux_test.cpp
//! \brief Scope: the /proc parsers (good input and every malformed case, with the message), and
//! the live readers on this machine (plausible values; allocator in-use follows malloc).
#include "metrics/rss_linux.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <thread>

namespace contend::metrics {
namespace {

constexpr const char* kRollup =
    "55d0c1a0e000-7ffd1b1f3000 ---p 00000000 00:00 0                          [rollup]\n"
    "Rss:                5120 kB\n"
    "Pss:                1000 kB\n"
    "Pss_Anon:            800 kB\n"
    "Anonymous:          2048 kB\n"
    "Swap:                  0 kB\n";

TEST(RssLinux, ParsesSmapsRollup) {
  Result<MemoryUsage> u = parse_smaps_rollup(kRollup);
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->rss_bytes, 5120u * 1024);
  EXPECT_EQ(u->anon_bytes, 2048u * 1024);  // not confused with Pss_Anon
  EXPECT_TRUE(u->exact);
}

TEST(RssLinux, ParsesStatus) {
  Result<MemoryUsage> u =
      parse_proc_status("Name:\tx\nVmHWM:\t  9000 kB\nVmRSS:\t  7000 kB\nRssAnon:\t  3000 kB\n");
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->rss_bytes, 7000u * 1024);
  EXPECT_EQ(u->anon_bytes, 3000u * 1024);
  EXPECT_FALSE(u->exact);
}

// error_guessing: every malformed shape gives an Error naming the file and field, never a crash.
TEST(RssLinux, MalformedInputIsAnErrorWithAClearMessage) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"", "no 'Rss:' field"},
      {"Pss: 5 kB\nAnonymous: 1 kB\n", "no 'Rss:' field"},  // "Rss" inside "Pss" does not count
      {"Rss: 5 kB\n", "no 'Anonymous:' field"},
      {"Rss: abc kB\nAnonymous: 1 kB\n", "'Rss' is not a number"},
      {"Rss:\nAnonymous: 1 kB\n", "'Rss' has no value"},
      {"Rss: 5 MB\nAnonymous: 1 kB\n", "'Rss' does not end in 'kB'"},
      {"Rss: 5\nAnonymous: 1 kB\n", "'Rss' does not end in 'kB'"},
      {"Rss: 99999999999999999999999 kB\nAnonymous: 1 kB\n", "'Rss' is not a number"},
      {"Rss: 18014398509481984 kB\nAnonymous: 1 kB\n", "'Rss' is out of range"},
  };
  for (const Case& c : cases) {
    Result<MemoryUsage> u = parse_smaps_rollup(c.text);
    ASSERT_FALSE(u.ok()) << c.text;
    EXPECT_NE(u.error().message.find(c.want), std::string::npos) << u.error().message;
    EXPECT_NE(u.error().message.find("/proc/self/smaps_rollup"), std::string::npos);
  }
  EXPECT_FALSE(parse_proc_status("VmRSS: 1 kB\n").ok());
}

// requirement: live readings are plausible and consistent with each other.
TEST(RssLinux, LiveReadingsArePlausible) {
  Result<MemoryUsage> u = read_memory_usage();
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_GT(u->rss_bytes, 1u << 20);
  EXPECT_GT(u->anon_bytes, 0u);
  EXPECT_LE(u->anon_bytes, u->rss_bytes);
  Result<uint64_t> peak = read_peak_rss_bytes();
  ASSERT_TRUE(peak.ok()) << peak.error().message;
  EXPECT_GE(*peak, u->rss_bytes / 2);  // status counters may lag smaps_rollup slightly
}

// requirement: allocator in-use follows malloc/free, including allocations in another thread's
// arena (glibc's mallinfo2 must sum all arenas for this to hold).
TEST(RssLinux, AllocatorInUseFollowsMalloc) {
  const AllocatorUsage before = read_allocator_usage();
  if (before.source == AllocatorSource::kUnavailable) GTEST_SKIP() << "no allocator statistics";
  constexpr size_t kBig = 32u << 20;
  void* p = std::malloc(kBig);
  ASSERT_NE(p, nullptr);
  void* volatile escape = p;  // keeps the compiler from eliding the malloc/free pair
  (void)escape;
  const AllocatorUsage with_big = read_allocator_usage();
  EXPECT_GE(with_big.in_use_bytes, before.in_use_bytes + kBig);
  std::free(p);
  EXPECT_LT(read_allocator_usage().in_use_bytes, with_big.in_use_bytes);
  // Many small blocks from another thread land in a non-main arena.
  void* blocks[1000];
  std::thread([&] {
    for (void*& b : blocks) b = std::malloc(1000);
  }).join();
  EXPECT_GE(read_allocator_usage().in_use_bytes, before.in_use_bytes + 900'000)
      << "source " << to_string(before.source);
  for (void* b : blocks) std::free(b);
  (void)release_free_memory();
}

}  // namespace
}  // namespace contend::metrics
