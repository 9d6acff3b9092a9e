//! \brief Scope: MapModel semantics (requirement: exactly the targets' contract) and hand-written
//! linearizable / non-linearizable map histories, including operations without a response.
#include "check/map_model.h"

#include <gtest/gtest.h>

#include "check/detail/test_history.h"
#include "check/linearizability.h"

namespace contend::check {
namespace {

using M = MapModel;
using testing::op;
const M::State kAbsent{};
M::State present(Value v) { return {true, v}; }

bool legal(const M::State& s, OpKind k, Value arg, M::Output out, M::State* next = nullptr) {
  M::State n;
  bool ok = M::step(s, {k, 1, arg}, &out, n);
  if (next) *next = n;
  return ok;
}

// requirement: insert never overwrites; erase/find/add behave as documented in map_model.h.
TEST(MapModel, StepMatchesContract) {
  M::State n;
  EXPECT_TRUE(legal(kAbsent, OpKind::kInsert, 5, {true, 0}, &n));
  EXPECT_TRUE(M::equal(n, present(5)));
  EXPECT_FALSE(legal(kAbsent, OpKind::kInsert, 5, {false, 0}));
  EXPECT_TRUE(legal(present(3), OpKind::kInsert, 5, {false, 0}, &n));
  EXPECT_TRUE(M::equal(n, present(3))) << "insert must not overwrite";
  EXPECT_TRUE(legal(present(3), OpKind::kErase, 0, {true, 0}, &n));
  EXPECT_TRUE(M::equal(n, kAbsent));
  EXPECT_FALSE(legal(kAbsent, OpKind::kErase, 0, {true, 0}));
  EXPECT_TRUE(legal(present(3), OpKind::kFind, 0, {true, 3}));
  EXPECT_FALSE(legal(present(3), OpKind::kFind, 0, {true, 4}));
  EXPECT_FALSE(legal(present(3), OpKind::kFind, 0, {false, 0}));
  EXPECT_TRUE(legal(kAbsent, OpKind::kFind, 0, {false, 0}));
  EXPECT_TRUE(legal(kAbsent, OpKind::kAdd, 4, {true, 4}, &n)) << "absent counts as 0";
  EXPECT_TRUE(M::equal(n, present(4)));
  EXPECT_TRUE(legal(present(3), OpKind::kAdd, -5, {true, -2}));
  EXPECT_FALSE(legal(present(3), OpKind::kAdd, 1, {true, 1}));
}

// requirement: unknown outcome (out == nullptr) is legal in any state and applies the effect.
TEST(MapModel, UnknownOutcomeAppliesEffect) {
  M::State n;
  EXPECT_TRUE(M::step(kAbsent, {OpKind::kInsert, 1, 9}, nullptr, n));
  EXPECT_TRUE(M::equal(n, present(9)));
  EXPECT_TRUE(M::step(present(1), {OpKind::kAdd, 1, 2}, nullptr, n));
  EXPECT_TRUE(M::equal(n, present(3)));
  EXPECT_TRUE(M::read_only({OpKind::kFind, 1, 0}));
  EXPECT_FALSE(M::read_only({OpKind::kAdd, 1, 0}));
}

Verdict verdict(const std::vector<ModelOp<M>>& h) { return check_linearizability<M>(h).verdict; }

TEST(MapModelHistories, SequentialAndOverlapping) {
  // requirement: a find after a completed insert sees it; one overlapping it may or may not.
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kInsert, 7, 5}, {true, 0}, 0, 10),
                     op<M>(1, {OpKind::kFind, 7, 0}, {true, 5}, 20, 30)}),
            Verdict::kLinearizable);
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kInsert, 7, 5}, {true, 0}, 0, 10),
                     op<M>(1, {OpKind::kFind, 7, 0}, {false, 0}, 5, 15),
                     op<M>(2, {OpKind::kFind, 7, 0}, {true, 5}, 6, 16)}),
            Verdict::kLinearizable);
  // requirement: real time is respected: a find returning before the insert began cannot see it.
  EXPECT_EQ(verdict({op<M>(1, {OpKind::kFind, 7, 0}, {true, 5}, 0, 10),
                     op<M>(0, {OpKind::kInsert, 7, 5}, {true, 0}, 20, 30)}),
            Verdict::kNotLinearizable);
  // error_guessing: two concurrent inserts cannot both succeed.
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kInsert, 7, 1}, {true, 0}, 0, 10),
                     op<M>(1, {OpKind::kInsert, 7, 2}, {true, 0}, 0, 10)}),
            Verdict::kNotLinearizable);
  // error_guessing: a lost update: two adds of 1 both return 1.
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kAdd, 3, 1}, {true, 1}, 0, 10),
                     op<M>(1, {OpKind::kAdd, 3, 1}, {true, 1}, 0, 10)}),
            Verdict::kNotLinearizable);
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kAdd, 3, 1}, {true, 2}, 0, 10),
                     op<M>(1, {OpKind::kAdd, 3, 1}, {true, 1}, 0, 10)}),
            Verdict::kLinearizable);
}

TEST(MapModelHistories, UnknownOutcomes) {
  // requirement: a pending insert may take effect any time after its call...
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kInsert, 7, 5}, {}, 0, kPending),
                     op<M>(1, {OpKind::kFind, 7, 0}, {false, 0}, 10, 20),
                     op<M>(1, {OpKind::kFind, 7, 0}, {true, 5}, 30, 40)}),
            Verdict::kLinearizable);
  // ...or never...
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kInsert, 7, 5}, {}, 0, kPending),
                     op<M>(1, {OpKind::kFind, 7, 0}, {false, 0}, 30, 40)}),
            Verdict::kLinearizable);
  // ...but not before its call, and only once: found-then-absent needs an erase.
  EXPECT_EQ(verdict({op<M>(1, {OpKind::kFind, 7, 0}, {true, 5}, 0, 5),
                     op<M>(0, {OpKind::kInsert, 7, 5}, {}, 10, kPending)}),
            Verdict::kNotLinearizable);
  EXPECT_EQ(verdict({op<M>(0, {OpKind::kInsert, 7, 5}, {}, 0, kPending),
                     op<M>(1, {OpKind::kFind, 7, 0}, {true, 5}, 10, 20),
                     op<M>(1, {OpKind::kFind, 7, 0}, {false, 0}, 30, 40)}),
            Verdict::kNotLinearizable);
  // a pending find constrains nothing, even with a nonsense recorded output
  EXPECT_EQ(verdict({op<M>(1, {OpKind::kFind, 7, 0}, {true, 99}, 0, kPending)}),
            Verdict::kLinearizable);
}

// requirement: keys are independent partitions; the failing key is the one reported.
TEST(MapModelHistories, PartitionsPerKey) {
  auto r = check_linearizability<M>({op<M>(0, {OpKind::kInsert, 1, 5}, {true, 0}, 0, 10),
                                     op<M>(1, {OpKind::kFind, 2, 0}, {true, 5}, 20, 30),
                                     op<M>(1, {OpKind::kFind, 1, 0}, {true, 5}, 20, 30)});
  EXPECT_EQ(r.verdict, Verdict::kNotLinearizable);
  EXPECT_EQ(r.partitions, 2u);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].partition, "key 2");
  EXPECT_EQ(r.failures[0].partition_id, 2u);
}

}  // namespace
}  // namespace contend::check
