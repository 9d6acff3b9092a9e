//! \brief Scope: the iteration rules of iteration.h: duplicates, phantoms, missed keys (only when
//! presence throughout is proven) and the contract flag for containers that forbid iterating
//! under writes.
#include "check/iteration.h"

#include <gtest/gtest.h>

namespace contend::check {
namespace {

HistoryOp hop(uint32_t t, OpKind k, Key key, bool ok, uint64_t call, uint64_t ret, Value v = 0) {
  HistoryOp o;
  o.thread = t;
  o.kind = k;
  o.key = key;
  o.arg = v;
  o.ok = ok;
  o.value = v;
  o.call = call;
  o.ret = ret;
  return o;
}

IterationRecord iter(uint64_t call, uint64_t ret, std::vector<std::pair<Key, Value>> seen) {
  return {9, call, ret, std::move(seen)};
}

std::vector<ViolationKind> kinds(const History& h, IterationOptions o = {}) {
  std::vector<ViolationKind> out;
  for (const auto& v : check_iterations(h, o)) out.push_back(v.kind);
  return out;
}

using VK = ViolationKind;

// requirement: a correct iteration over stable keys passes.
TEST(Iteration, CleanIterationPasses) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 10), hop(0, OpKind::kInsert, 2, true, 11, 20)};
  h.iterations = {iter(30, 40, {{2, 0}, {1, 0}})};
  EXPECT_TRUE(kinds(h).empty());
}

// requirement: a key present throughout but not seen is reported, naming the key.
TEST(Iteration, MissedKey) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 10), hop(0, OpKind::kAdd, 2, true, 11, 20, 4)};
  h.iterations = {iter(30, 40, {{1, 0}})};
  auto v = check_iterations(h);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, VK::kIterationMissed);
  EXPECT_EQ(v[0].key, 2u);
  EXPECT_NE(v[0].detail.find("did not see key 2"), std::string::npos) << v[0].detail;
}

// requirement: no false alarm when the key may have been erased or inserted concurrently.
TEST(Iteration, ConcurrentChangesExcuseAbsence) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 10), hop(1, OpKind::kErase, 1, true, 35, 50),
           hop(0, OpKind::kInsert, 2, true, 25, 45), hop(0, OpKind::kInsert, 3, true, 0, 5),
           hop(1, OpKind::kErase, 3, true, 1, kNoReturn)};  // pending erase may hit any time
  h.iterations = {iter(30, 40, {})};
  EXPECT_TRUE(kinds(h).empty());
  // an erase that returned "not erased" cannot remove the key
  h.ops[1].ok = false;
  EXPECT_EQ(kinds(h), std::vector<VK>{VK::kIterationMissed});
}

// requirement: an erase completed before the presence witness does not excuse absence.
TEST(Iteration, EraseBeforeReinsertDoesNotExcuse) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 1), hop(0, OpKind::kErase, 1, true, 2, 3),
           hop(0, OpKind::kInsert, 1, true, 4, 5)};
  h.iterations = {iter(10, 20, {})};
  EXPECT_EQ(kinds(h), std::vector<VK>{VK::kIterationMissed});
}

// requirement: the same key twice, and a key nobody inserted, are reported.
TEST(Iteration, DuplicateAndPhantom) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 10), hop(0, OpKind::kInsert, 5, false, 0, 10),
           hop(0, OpKind::kInsert, 6, true, 50, 60)};
  h.iterations = {iter(30, 40, {{1, 0}, {1, 0}, {5, 0}, {6, 0}, {7, 0}})};
  EXPECT_EQ(kinds(h), (std::vector<VK>{VK::kIterationDuplicate, VK::kIterationPhantom,
                                       VK::kIterationPhantom, VK::kIterationPhantom}));
}

// requirement: an unfinished iteration is only checked for duplicates and phantoms.
TEST(Iteration, UnfinishedIteration) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 10)};
  h.iterations = {iter(30, kNoReturn, {})};
  EXPECT_TRUE(kinds(h).empty());
}

// requirement: with the contract flag, overlap with a write is a contract violation and the
// anomalies it causes are not reported as container bugs; reads do not count as writes.
TEST(Iteration, ContractForbidsIterationUnderWrites) {
  History h;
  h.ops = {hop(0, OpKind::kInsert, 1, true, 0, 10), hop(1, OpKind::kFind, 1, true, 32, 33, 0),
           hop(1, OpKind::kErase, 1, true, 35, 50)};
  h.iterations = {iter(30, 40, {{1, 0}, {1, 0}})};
  IterationOptions forbid;
  forbid.allowed_under_writes = false;
  EXPECT_EQ(kinds(h, forbid), std::vector<VK>{VK::kIterationContract});
  EXPECT_EQ(kinds(h), std::vector<VK>{VK::kIterationDuplicate});
  h.ops.pop_back();
  EXPECT_EQ(kinds(h, forbid), std::vector<VK>{VK::kIterationDuplicate});
}

}  // namespace
}  // namespace contend::check
