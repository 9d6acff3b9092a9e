//! \brief Scope: KvModel (Porcupine's get/put/append store) semantics and hand-written histories.
#include "check/kv_model.h"

#include <gtest/gtest.h>

#include "check/detail/test_history.h"
#include "check/linearizability.h"

namespace contend::check {
namespace {

using M = KvModel;
using testing::op;

M::Input get(const char* k) { return M::make_input(M::Kind::kGet, k, k[0], ""); }
M::Input put(const char* k, const char* v) { return M::make_input(M::Kind::kPut, k, k[0], v); }
M::Input app(const char* k, const char* v) { return M::make_input(M::Kind::kAppend, k, k[0], v); }

// requirement: append concatenates without separator; the incremental hash equals a fresh one.
TEST(KvModel, AppendConcatenatesAndHashesIncrementally) {
  M::State s = M::init(), a, b;
  ASSERT_TRUE(M::step(s, app("k", "x 0 0 y"), nullptr, a));
  ASSERT_TRUE(M::step(a, app("k", "x 1 0 y"), nullptr, b));
  EXPECT_EQ(b.value, "x 0 0 yx 1 0 y");
  M::State direct;
  ASSERT_TRUE(M::step(s, put("k", "x 0 0 yx 1 0 y"), nullptr, direct));
  EXPECT_TRUE(M::equal(b, direct));
  EXPECT_EQ(M::hash(b), M::hash(direct));
  M::Output out{"x 0 0 yx 1 0 y"};
  EXPECT_TRUE(M::step(b, get("k"), &out, a));
  out.value = "x 0 0 y";
  EXPECT_FALSE(M::step(b, get("k"), &out, a));
}

// requirement: every key starts as ""; a stale read after a completed append is a violation.
TEST(KvModelHistories, Cases) {
  using V = std::vector<ModelOp<M>>;
  EXPECT_EQ(check_linearizability<M>(V{op<M>(0, get("a"), {""}, 0, 1)}).verdict,
            Verdict::kLinearizable);
  EXPECT_EQ(check_linearizability<M>(V{op<M>(0, app("a", "x"), {}, 0, 10),
                                       op<M>(1, app("a", "y"), {}, 0, 10),
                                       op<M>(2, get("a"), {"yx"}, 11, 12)})
                .verdict,
            Verdict::kLinearizable);
  EXPECT_EQ(check_linearizability<M>(V{op<M>(0, app("a", "x"), {}, 0, 10),
                                       op<M>(2, get("a"), {""}, 11, 12)})
                .verdict,
            Verdict::kNotLinearizable);
  // unknown outcome: a put without response may have happened after the get
  EXPECT_EQ(check_linearizability<M>(V{op<M>(0, put("a", "p"), {}, 0, kPending),
                                       op<M>(2, get("a"), {""}, 11, 12),
                                       op<M>(2, get("a"), {"p"}, 13, 14)})
                .verdict,
            Verdict::kLinearizable);
  // keys are separate partitions: b's value does not leak into a
  EXPECT_EQ(check_linearizability<M>(V{op<M>(0, put("b", "p"), {}, 0, 1),
                                       op<M>(2, get("a"), {"p"}, 11, 12)})
                .verdict,
            Verdict::kNotLinearizable);
}

}  // namespace
}  // namespace contend::check
