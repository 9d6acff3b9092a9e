//! \brief Scope: HistoryRecorder recording, capacity limits and the merge/cut rules (requirement).
#include "record/history.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace contend {
namespace {

// requirement: begin/end fill an op; merge sorts all threads' ops by call stamp.
TEST(HistoryRecorder, RecordsAndMergesByCall) {
  HistoryRecorder rec(2, 8);
  auto a = rec.begin(0, Op{OpKind::kInsert, 7, 3}, 10);
  auto b = rec.begin(1, Op{OpKind::kFind, 7, 0}, 5);
  rec.end(1, b, true, 3, 20);
  rec.end(0, a, true, 0, 30);
  History h = rec.merge();
  ASSERT_EQ(h.ops.size(), 2u);
  EXPECT_FALSE(h.truncated);
  EXPECT_EQ(h.ops[0].thread, 1u);
  EXPECT_EQ(h.ops[0].kind, OpKind::kFind);
  EXPECT_EQ(h.ops[0].call, 5u);
  EXPECT_EQ(h.ops[0].ret, 20u);
  EXPECT_EQ(h.ops[0].value, 3);
  EXPECT_EQ(h.ops[1].kind, OpKind::kInsert);
  EXPECT_EQ(h.ops[1].arg, 3);
  EXPECT_TRUE(h.ops[1].ok);
}

// requirement: an op without end() stays pending (unknown outcome).
TEST(HistoryRecorder, MissingEndIsPending) {
  HistoryRecorder rec(1, 4);
  (void)rec.begin(0, Op{OpKind::kErase, 1, 0}, 1);
  History h = rec.merge();
  ASSERT_EQ(h.ops.size(), 1u);
  EXPECT_TRUE(h.ops[0].pending());
}

// requirement: a full thread stops recording; the merge cuts every thread at the first refused
// stamp, drops later invokes and turns ops spanning the cut into pending ones.
TEST(HistoryRecorder, TruncationCutsSoundly) {
  HistoryRecorder rec(2, 2);
  rec.end(0, rec.begin(0, Op{OpKind::kInsert, 1, 1}, 1), true, 0, 2);
  rec.end(0, rec.begin(0, Op{OpKind::kInsert, 2, 1}, 3), true, 0, 4);
  EXPECT_EQ(rec.begin(0, Op{OpKind::kInsert, 3, 1}, 10), HistoryRecorder::kNoSlot);
  rec.end(1, rec.begin(1, Op{OpKind::kFind, 3, 0}, 9), true, 1, 12);   // spans the cut
  rec.end(1, rec.begin(1, Op{OpKind::kFind, 3, 0}, 13), true, 1, 14);  // after the cut
  rec.end(0, HistoryRecorder::kNoSlot, true, 0, 11);                    // ignored
  History h = rec.merge();
  EXPECT_TRUE(h.truncated);
  EXPECT_EQ(h.cut, 10u);
  ASSERT_EQ(h.ops.size(), 3u);
  EXPECT_EQ(h.ops[2].call, 9u);
  EXPECT_TRUE(h.ops[2].pending());
}

// requirement: iterations keep their visited elements in order; overflowing ones are dropped.
TEST(HistoryRecorder, IterationsAndOverflow) {
  HistoryRecorder rec(1, 4, 4, 3);
  auto s = rec.begin_iteration(0, 1);
  rec.iteration_element(0, s, 5, 50);
  rec.iteration_element(0, s, 6, 60);
  rec.end_iteration(0, s, 2);
  auto s2 = rec.begin_iteration(0, 3);
  rec.iteration_element(0, s2, 1, 1);
  rec.iteration_element(0, s2, 2, 2);  // pool of 3 overflows here
  rec.end_iteration(0, s2, 4);
  History h = rec.merge();
  ASSERT_EQ(h.iterations.size(), 1u);
  EXPECT_TRUE(h.truncated);
  EXPECT_EQ(h.cut, kNoReturn);
  EXPECT_EQ(h.iterations[0].seen, (std::vector<std::pair<Key, Value>>{{5, 50}, {6, 60}}));
  EXPECT_EQ(h.iterations[0].ret, 2u);
}

// requirement: threads record concurrently without interfering (run under tsan in CI).
TEST(HistoryRecorder, ConcurrentThreads) {
  constexpr uint32_t kThreads = 4;
  constexpr int kOps = 1000;
  HistoryRecorder rec(kThreads, kOps);
  std::vector<std::thread> ts;
  for (uint32_t t = 0; t < kThreads; ++t) {
    ts.emplace_back([&rec, t] {
      for (int i = 0; i < kOps; ++i) {
        auto s = rec.begin(t, Op{OpKind::kAdd, t, 1}, uint64_t(i) * 2);
        rec.end(t, s, true, i + 1, uint64_t(i) * 2 + 1);
      }
    });
  }
  for (auto& th : ts) th.join();
  History h = rec.merge();
  EXPECT_EQ(h.ops.size(), size_t(kThreads) * kOps);
  EXPECT_FALSE(h.truncated);
}

}  // namespace
}  // namespace contend
