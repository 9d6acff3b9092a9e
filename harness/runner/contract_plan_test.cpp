//! \brief Contract plans keep multi-threaded mixes legal and say what they dropped.
//! Scope: runner/contract_plan.h.
#include "runner/contract_plan.h"

#include <gtest/gtest.h>

namespace contend {
namespace {

MapTargetInfo target_with(MapContract c) { return {"t", "", false, c, nullptr}; }

TEST(ContractPlan, DropsForbiddenOpsWithNotes) {
  MapMixSpec s;
  s.weights = {1, 1, 1, 1, 1, 0};
  auto p = plan_for_contract(s, target_with({.concurrent_erase = false, .iterate_under_writes = false}));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->spec.weights[static_cast<int>(OpKind::kErase)], 0);
  EXPECT_EQ(p->spec.weights[static_cast<int>(OpKind::kIterate)], 0);
  EXPECT_EQ(p->notes.size(), 2u);
}

//! requirement: one thread cannot overlap anything, so nothing is dropped.
TEST(ContractPlan, SingleThreadKeepsEverything) {
  MapMixSpec s;
  s.threads = 1;
  s.weights = {1, 1, 1, 1, 1, 0};
  auto p = plan_for_contract(s, target_with({.concurrent_erase = false, .iterate_under_writes = false}));
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->notes.empty());
}

//! requirement: iteration is only dropped when writers run beside it.
TEST(ContractPlan, IterationWithoutWritersIsKept) {
  MapMixSpec s;
  s.weights = {0, 0, 1, 0, 1, 0};
  auto p = plan_for_contract(s, target_with({.iterate_under_writes = false}));
  ASSERT_TRUE(p.ok());
  EXPECT_GT(p->spec.weights[static_cast<int>(OpKind::kIterate)], 0);
}

//! error_guessing: a mix made only of forbidden ops is a usage error, not an empty run.
TEST(ContractPlan, NothingLeftIsUsageError) {
  MapMixSpec s;
  s.weights = {0, 1, 0, 0, 0, 0};
  auto p = plan_for_contract(s, target_with({.concurrent_erase = false}));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ExitCode::kUsage);
}

}  // namespace
}  // namespace contend
