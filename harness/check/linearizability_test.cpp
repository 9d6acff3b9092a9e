//! \brief Scope: the WGL search itself. Random small histories are compared with a brute-force
//! oracle that tries every order (requirement: same verdict, always); budgets give kUnknown
//! (requirement: never hang); a full memo cache keeps verdicts correct; counterexamples name the
//! partition, the prefix and the op that could not be placed.
#include "check/linearizability.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "check/detail/test_history.h"
#include "check/map_model.h"
#include "check/register_model.h"
#include "util/rng.h"

namespace contend::check {
namespace {

using testing::op;

// Oracle: depth-first over every sequence respecting real time; completed ops must all appear,
// pending ops may appear (anywhere after everything that precedes them) or not.
template <Model M>
bool oracle(const std::vector<ModelOp<M>>& ops, uint32_t placed, const typename M::State& s) {
  bool all_completed = true;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (!(placed >> i & 1) && !ops[i].pending()) all_completed = false;
  }
  if (all_completed) return true;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (placed >> i & 1) continue;
    bool minimal = true;  // no unplaced op must precede it
    for (size_t j = 0; j < ops.size(); ++j) {
      if (!(placed >> j & 1) && j != i && !ops[j].pending() && ops[j].ret < ops[i].call)
        minimal = false;
    }
    if (!minimal) continue;
    typename M::State next = M::init();
    if (M::step(s, ops[i].input, ops[i].pending() ? nullptr : &ops[i].output, next) &&
        oracle<M>(ops, placed | (1u << i), next))
      return true;
  }
  return false;
}

// Random map history on 1-2 keys: outputs from a random linearization, then sometimes corrupted.
std::vector<ModelOp<MapModel>> random_map_history(Rng& rng) {
  const int threads = 2 + static_cast<int>(rng.below(2));
  const int n = 3 + static_cast<int>(rng.below(5));
  const int keys = 1 + static_cast<int>(rng.below(2));
  std::vector<ModelOp<MapModel>> ops;
  std::vector<uint64_t> cursor(threads, 0);
  std::vector<uint64_t> point;
  for (int i = 0; i < n; ++i) {
    const int t = static_cast<int>(rng.below(threads));
    ModelOp<MapModel> o;
    o.client = static_cast<uint32_t>(t);
    o.input = {static_cast<OpKind>(rng.below(4)), rng.below(keys), static_cast<Value>(rng.below(3))};
    o.call = cursor[t] + rng.below(4);
    o.ret = o.call + rng.below(8);
    cursor[t] = o.ret + 1;
    point.push_back(o.call * 4 + rng.below((o.ret - o.call) * 4 + 1));  // in [call, ret]
    ops.push_back(o);
  }
  std::vector<size_t> order(ops.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return point[a] < point[b]; });
  std::vector<MapModel::State> st(keys);
  for (size_t i : order) {
    auto& o = ops[i];
    MapModel::State next;
    const MapModel::State& s = st[o.input.key];
    switch (o.input.kind) {  // the output a correct map would give at this point
      case OpKind::kInsert: o.output = {!s.present, 0}; break;
      case OpKind::kErase: o.output = {s.present, 0}; break;
      case OpKind::kFind: o.output = {s.present, s.present ? s.value : 0}; break;
      default: o.output = {true, (s.present ? s.value : 0) + o.input.arg}; break;
    }
    MapModel::step(s, o.input, nullptr, next);
    st[o.input.key] = next;
  }
  if (rng.below(2) == 0) {  // corrupt one output
    auto& o = ops[rng.below(ops.size())];
    if (rng.below(2) == 0) o.output.ok = !o.output.ok;
    else o.output.value += 1 + static_cast<Value>(rng.below(2));
  }
  for (auto& o : ops) {
    if (rng.below(8) == 0) o.ret = kPending;  // lost response
  }
  return ops;
}

bool oracle_map(const std::vector<ModelOp<MapModel>>& ops) {
  // The oracle is unpartitioned: a whole-map state keyed by op index is overkill, so check
  // each key separately, which is exactly what linearizability's locality allows.
  for (Key k = 0; k < 2; ++k) {
    std::vector<ModelOp<MapModel>> sub;
    for (const auto& o : ops) {
      if (o.input.key == k) sub.push_back(o);
    }
    if (!oracle<MapModel>(sub, 0, MapModel::init())) return false;
  }
  return true;
}

// requirement: WGL agrees with the brute-force oracle on thousands of random histories.
TEST(Linearizability, AgreesWithBruteForceOracleOnMaps) {
  Rng rng(20240601);
  int lin = 0, non = 0;
  for (int iter = 0; iter < 4000; ++iter) {
    auto ops = random_map_history(rng);
    const bool want = oracle_map(ops);
    const Verdict got = check_linearizability<MapModel>(ops).verdict;
    ASSERT_EQ(verdict_name(got), verdict_name(want ? Verdict::kLinearizable
                                                   : Verdict::kNotLinearizable))
        << "iteration " << iter;
    (want ? lin : non)++;
  }
  EXPECT_GT(lin, 1000);  // both outcomes are well represented
  EXPECT_GT(non, 500);
}

// requirement: the same on the register model, whose states repeat a lot (memo cache hits).
TEST(Linearizability, AgreesWithBruteForceOracleOnRegister) {
  Rng rng(7);
  using R = RegisterModel;
  int non = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<ModelOp<R>> ops;
    const int n = 3 + static_cast<int>(rng.below(5));
    for (int i = 0; i < n; ++i) {
      ModelOp<R> o;
      o.client = static_cast<uint32_t>(i);
      o.input = {static_cast<R::Kind>(rng.below(3)), static_cast<int64_t>(rng.below(2)),
                 static_cast<int64_t>(rng.below(2))};
      o.output = {rng.below(2) == 0, rng.below(3) == 0, static_cast<int64_t>(rng.below(2))};
      o.call = rng.below(10);
      o.ret = rng.below(6) == 0 ? kPending : o.call + rng.below(6);
      ops.push_back(o);
    }
    const bool want = oracle<R>(ops, 0, R::init());
    non += !want;
    ASSERT_EQ(check_linearizability<R>(ops).verdict == Verdict::kLinearizable, want)
        << "iteration " << iter;
  }
  EXPECT_GT(non, 300);
}

// Many concurrent writes and no reads are trivially linearizable, but a read of a value nobody
// wrote forces the search to try every order: a hard instance for budget tests.
std::vector<ModelOp<RegisterModel>> hard_register_history() {
  std::vector<ModelOp<RegisterModel>> ops;
  for (int i = 0; i < 40; ++i) {
    ops.push_back(op<RegisterModel>(i, {RegisterModel::Kind::kWrite, i}, {}, 0, 100));
  }
  ops.push_back(op<RegisterModel>(99, {RegisterModel::Kind::kRead}, {true, false, 1000}, 0, 100));
  return ops;
}

// requirement: a budget ends the search with kUnknown instead of hanging.
TEST(Linearizability, BudgetsGiveUnknown) {
  CheckOptions steps;
  steps.max_steps = 10000;
  CheckResult r = check_linearizability<RegisterModel>(hard_register_history(), steps);
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_LE(r.steps, 10000u);
  CheckOptions time;
  time.budget_s = 0.05;
  r = check_linearizability<RegisterModel>(hard_register_history(), time);
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
}

// requirement: a saturated memo cache costs time, never correctness.
TEST(Linearizability, SaturatedCacheKeepsVerdicts) {
  Rng rng(99);
  CheckOptions tiny;
  tiny.max_cache_entries = 4;
  for (int iter = 0; iter < 500; ++iter) {
    auto ops = random_map_history(rng);
    EXPECT_EQ(check_linearizability<MapModel>(ops, tiny).verdict,
              check_linearizability<MapModel>(ops).verdict);
  }
}

// requirement: the counterexample names the key, the prefix and the unplaceable op, in words.
TEST(Linearizability, CounterexampleIsReadable) {
  using M = MapModel;
  std::vector<ModelOp<M>> h = {
      op<M>(0, {OpKind::kInsert, 7, 3}, {true, 0}, 0, 10),
      op<M>(1, {OpKind::kErase, 7, 0}, {true, 0}, 20, 30),
      op<M>(2, {OpKind::kFind, 7, 0}, {true, 3}, 40, 50),
      op<M>(0, {OpKind::kInsert, 8, 1}, {true, 0}, 0, 10),
  };
  CheckResult r = check_linearizability<M>(h);
  ASSERT_EQ(r.verdict, Verdict::kNotLinearizable);
  const Counterexample& c = r.failures.at(0);
  EXPECT_EQ(c.partition, "key 7");
  EXPECT_EQ(c.longest_prefix, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(c.state_after_prefix, "absent");
  EXPECT_EQ(c.ops.at(c.blocked).text, "find(7) -> 3");
  const std::string text = format_counterexample(c);
  EXPECT_NE(text.find("smallest failing partition: key 7 (3 operations)"), std::string::npos) << text;
  EXPECT_NE(text.find("could not place: client 2  [40, 50]  find(7) -> 3"), std::string::npos)
      << text;
  EXPECT_NE(text.find("it is illegal"), std::string::npos) << text;
  EXPECT_NE(text.find("2. client 1  [20, 30]  erase(7) -> erased"), std::string::npos) << text;
}

// requirement: partitions are checked smallest first, so the reported one is the smallest.
TEST(Linearizability, ReportsSmallestFailingPartition) {
  using M = MapModel;
  std::vector<ModelOp<M>> h;
  for (int i = 0; i < 5; ++i) h.push_back(op<M>(0, {OpKind::kFind, 1, 0}, {true, 1}, 10 * i, 10 * i + 1));
  h.push_back(op<M>(1, {OpKind::kFind, 2, 0}, {true, 1}, 0, 1));
  CheckOptions all;
  all.stop_at_first_failure = false;
  CheckResult r = check_linearizability<M>(h, all);
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].partition, "key 2");
  EXPECT_EQ(check_linearizability<M>(h).failures.size(), 1u);
}

}  // namespace
}  // namespace contend::check
