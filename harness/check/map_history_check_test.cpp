//! \brief Scope: check_map_history, the entry point of the runners: recorder output in,
//! structured violations out (kind, key, readable detail).
#include "check/map_history_check.h"

#include <gtest/gtest.h>

namespace contend::check {
namespace {

// requirement: a correct recorded run has no violations; size() is ignored.
TEST(MapHistoryCheck, CleanRunFromRecorder) {
  HistoryRecorder rec(2, 16);
  rec.end(0, rec.begin(0, Op{OpKind::kInsert, 4, 2}, 0), true, 0, 10);
  rec.end(1, rec.begin(1, Op{OpKind::kAdd, 4, 3}, 5), true, 5, 15);
  rec.end(1, rec.begin(1, Op{OpKind::kSize, 0, 0}, 16), true, 123, 17);
  auto it = rec.begin_iteration(0, 20);
  rec.iteration_element(0, it, 4, 5);
  rec.end_iteration(0, it, 30);
  MapCheckReport r = check_map_history(rec.merge());
  EXPECT_EQ(r.verdict, Verdict::kLinearizable);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.ops_checked, 2u);
}

// requirement: a lost update becomes a kNotLinearizable violation on its key with a
// counterexample; iteration violations are reported alongside.
TEST(MapHistoryCheck, LostUpdateAndIterationViolation) {
  HistoryRecorder rec(2, 16);
  auto a = rec.begin(0, Op{OpKind::kAdd, 9, 1}, 0);
  auto b = rec.begin(1, Op{OpKind::kAdd, 9, 1}, 1);
  rec.end(0, a, true, 1, 10);
  rec.end(1, b, true, 1, 11);
  auto it = rec.begin_iteration(0, 20);
  rec.end_iteration(0, it, 30);
  MapCheckReport r = check_map_history(rec.merge());
  EXPECT_EQ(r.verdict, Verdict::kNotLinearizable);
  ASSERT_EQ(r.violations.size(), 2u);
  EXPECT_EQ(r.violations[0].kind, ViolationKind::kNotLinearizable);
  EXPECT_EQ(r.violations[0].key, 9u);
  EXPECT_NE(r.violations[0].detail.find("add(9, 1) -> 1"), std::string::npos)
      << r.violations[0].detail;
  EXPECT_EQ(r.violations[1].kind, ViolationKind::kIterationMissed);
  EXPECT_EQ(r.violations[1].key, 9u);
}

// requirement: an exhausted budget is reported as kUnknown, not as success or as a violation.
TEST(MapHistoryCheck, BudgetGivesUnknown) {
  History h;
  for (uint32_t t = 0; t < 30; ++t) {  // no responses: any subset, in any order, may apply
    h.ops.push_back({t, OpKind::kAdd, false, 1, 1, 0, 0, kNoReturn});
  }
  h.ops.push_back({99, OpKind::kFind, true, 1, 0, -1, 0, 100});  // impossible value
  MapCheckOptions o;
  o.max_steps = 2000;
  MapCheckReport r = check_map_history(h, o);
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].kind, ViolationKind::kUnknown);
}

// requirement: truncation never causes a false alarm. Thread 0 runs out of space, so its insert
// of key 5 is not recorded; thread 1's find that observed it spans the cut and loses its result.
TEST(MapHistoryCheck, TruncatedHistoryHasNoFalseAlarm) {
  HistoryRecorder rec(2, 1);
  rec.end(0, rec.begin(0, Op{OpKind::kFind, 1, 0}, 0), false, 0, 1);
  EXPECT_EQ(rec.begin(0, Op{OpKind::kInsert, 5, 7}, 10), HistoryRecorder::kNoSlot);
  rec.end(1, rec.begin(1, Op{OpKind::kFind, 5, 0}, 9), true, 7, 12);
  MapCheckReport r = check_map_history(rec.merge());
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.verdict, Verdict::kLinearizable);
  EXPECT_TRUE(r.violations.empty());
}

}  // namespace
}  // namespace contend::check
