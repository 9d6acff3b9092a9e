//! \brief Scope: RegisterModel (Jepsen etcd read/write/cas) semantics and hand-written histories,
//! including indeterminate (:info) writes and cas.
#include "check/register_model.h"

#include <gtest/gtest.h>

#include "check/detail/test_history.h"
#include "check/linearizability.h"

namespace contend::check {
namespace {

using M = RegisterModel;
using K = M::Kind;
using testing::op;
using V = std::vector<ModelOp<M>>;

M::Output read_nil() { return {true, true, 0}; }
M::Output read(int64_t v) { return {true, false, v}; }
M::Output cas_ok() { return {true, true, 0}; }
M::Output cas_fail() { return {false, true, 0}; }

Verdict verdict(const V& h) { return check_linearizability<M>(h).verdict; }

// requirement: nil initial state; cas fails on nil ("nil counts as not a").
TEST(RegisterModel, Step) {
  M::State s = M::init(), n;
  auto out = read_nil();
  EXPECT_TRUE(M::step(s, {K::kRead}, &out, n));
  out = cas_fail();
  EXPECT_TRUE(M::step(s, {K::kCas, 0, 1}, &out, n));
  out = cas_ok();
  EXPECT_FALSE(M::step(s, {K::kCas, 0, 1}, &out, n));
  EXPECT_TRUE(M::step(s, {K::kWrite, 3}, nullptr, n));
  out = cas_ok();
  EXPECT_TRUE(M::step(n, {K::kCas, 3, 4}, &out, s));
  EXPECT_TRUE(M::equal(s, M::State{true, 4}));
  EXPECT_TRUE(M::step(n, {K::kCas, 2, 4}, nullptr, s)) << "unknown cas is always legal";
  EXPECT_TRUE(M::equal(s, n)) << "and only applies when it matches";
}

TEST(RegisterModelHistories, Cases) {
  EXPECT_EQ(verdict({op<M>(0, {K::kWrite, 1}, {}, 0, 1), op<M>(1, {K::kRead}, read(1), 2, 3)}),
            Verdict::kLinearizable);
  EXPECT_EQ(verdict({op<M>(0, {K::kWrite, 1}, {}, 0, 1), op<M>(1, {K::kRead}, read_nil(), 2, 3)}),
            Verdict::kNotLinearizable);
  // a failed cas observed a different value; here the value was 1, so it cannot fail
  EXPECT_EQ(verdict({op<M>(0, {K::kWrite, 1}, {}, 0, 1),
                     op<M>(1, {K::kCas, 1, 2}, cas_fail(), 2, 3)}),
            Verdict::kNotLinearizable);
  // :info write: takes effect after its invoke at any later time, with no upper bound
  EXPECT_EQ(verdict({op<M>(0, {K::kWrite, 4}, {}, 0, kPending),
                     op<M>(1, {K::kRead}, read_nil(), 5, 6),
                     op<M>(1, {K::kRead}, read(4), 100, 101)}),
            Verdict::kLinearizable);
  // :info cas: may take effect (if it matches) or not
  EXPECT_EQ(verdict({op<M>(0, {K::kWrite, 1}, {}, 0, 1),
                     op<M>(2, {K::kCas, 1, 3}, {}, 2, kPending),
                     op<M>(1, {K::kRead}, read(1), 5, 6),
                     op<M>(1, {K::kRead}, read(3), 7, 8)}),
            Verdict::kLinearizable);
  // but an :info cas cannot produce a value it would not write
  EXPECT_EQ(verdict({op<M>(0, {K::kWrite, 1}, {}, 0, 1),
                     op<M>(2, {K::kCas, 2, 3}, {}, 2, kPending),
                     op<M>(1, {K::kRead}, read(3), 7, 8)}),
            Verdict::kNotLinearizable);
}

}  // namespace
}  // namespace contend::check
