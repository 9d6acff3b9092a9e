//! \brief generate_map_scenario: deterministic per (seed, index), all three parts present across
//! scenarios, init sizes spread over growth thresholds, and threads that collide on keys.
#include "gen/map_scenario.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <set>

#include "gen/key_space.h"

namespace contend {
namespace {

MapMixSpec controlled_spec() {
  MapMixSpec s;
  s.weights = {0.3, 0.2, 0.2, 0.3, 0.0, 0.0};
  s.key_space = 6;
  s.private_fraction = 0.15;
  s.private_keys = 4;
  s.counter_keys = 2;
  s.threads = 2;
  s.ops_per_thread = 16;
  s.seed = 7;
  return s;
}

bool same_ops(const std::vector<Op>& a, const std::vector<Op>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].key != b[i].key || a[i].arg != b[i].arg) return false;
  }
  return true;
}

//! requirement: the i-th scenario is a pure function of (spec, i); another seed or index gives
//! another scenario.
TEST(MapScenario, DeterministicPerSeedAndIndex) {
  const MapMixSpec spec = controlled_spec();
  for (uint64_t i = 0; i < 50; ++i) {
    const Program a = generate_map_scenario(spec, i), b = generate_map_scenario(spec, i);
    ASSERT_TRUE(same_ops(a.init, b.init) && same_ops(a.post, b.post));
    ASSERT_EQ(a.ops.size(), b.ops.size());
    for (std::size_t t = 0; t < a.ops.size(); ++t) ASSERT_TRUE(same_ops(a.ops[t], b.ops[t]));
  }
  MapMixSpec other = spec;
  other.seed = 8;
  int differ = 0;
  for (uint64_t i = 0; i < 20; ++i) differ += !same_ops(generate_map_scenario(spec, i).ops[0],
                                                        generate_map_scenario(other, i).ops[0]);
  EXPECT_GE(differ, 18);
}

//! requirement: over many scenarios, init parts are empty, small and near thresholds (some past
//! 256 ops), every parallel part has spec.threads threads of 1..ops_per_thread ops, every post
//! part ends with iterate() and size(), and every shared key lies inside the program's key space.
TEST(MapScenario, CoversInitParallelPost) {
  const MapMixSpec spec = controlled_spec();
  int empty_init = 0, big_init = 0, repeats = 0;
  for (uint64_t i = 0; i < 4000; ++i) {
    const Program p = generate_map_scenario(spec, i);
    empty_init += p.init.empty();
    big_init += p.init.size() > 256;
    std::size_t finds_of_one_key = 0;
    for (std::size_t j = 1; j < p.init.size(); ++j) {
      finds_of_one_key += p.init[j].kind == p.init[j - 1].kind && p.init[j].key == p.init[j - 1].key;
    }
    repeats += finds_of_one_key >= 3;
    ASSERT_EQ(p.threads(), spec.threads);
    for (const auto& t : p.ops) {
      ASSERT_GE(t.size(), 1u);
      ASSERT_LE(t.size(), spec.ops_per_thread);
    }
    ASSERT_GE(p.post.size(), 2u);
    EXPECT_EQ(p.post[p.post.size() - 2].kind, OpKind::kIterate);
    EXPECT_EQ(p.post.back().kind, OpKind::kSize);
    for (const auto* part : {&p.init, &p.post}) {
      for (const Op& op : *part) {
        if (!is_counter_key(op.key) && !is_private_key(op.key)) {
          ASSERT_LT(op.key, p.spec.key_space);
        }
      }
    }
    ASSERT_EQ(p.labels.size(), p.ops.size());
  }
  EXPECT_GT(empty_init, 500);
  EXPECT_GT(big_init, 5);
  EXPECT_GT(repeats, 400);
}

//! requirement: generation favours conflict: in most 2-thread scenarios both threads touch a
//! common shared key, and often two writes (insert/erase) of different threads hit one key.
TEST(MapScenario, ThreadsCollideOnKeys) {
  const MapMixSpec spec = controlled_spec();
  int shared = 0, write_pairs = 0;
  const int n = 300;
  for (uint64_t i = 0; i < n; ++i) {
    const Program p = generate_map_scenario(spec, i);
    std::set<Key> k0, w0;
    for (const Op& op : p.ops[0]) {
      if (is_private_key(op.key) || is_counter_key(op.key) || op.kind == OpKind::kSize) continue;
      k0.insert(op.key);
      if (op.kind == OpKind::kInsert || op.kind == OpKind::kErase) w0.insert(op.key);
    }
    bool s = false, w = false;
    for (const Op& op : p.ops[1]) {
      if (is_private_key(op.key) || is_counter_key(op.key) || op.kind == OpKind::kSize) continue;
      s |= k0.count(op.key) > 0;
      w |= (op.kind == OpKind::kInsert || op.kind == OpKind::kErase) && w0.count(op.key) > 0;
    }
    shared += s;
    write_pairs += w;
  }
  EXPECT_GT(shared, n * 6 / 10);
  EXPECT_GT(write_pairs, n * 3 / 10);
}

//! requirement: threshold_count stays in [0, max], lands on 0 and within 4 of powers of two, and
//! gives every size class 2^k (k = 4..11) a similar share of the total size drawn (each class
//! costs time in proportion to its size): no class gets less than a third of another's.
TEST(MapScenario, ThresholdCountsSpreadFairly) {
  Rng rng(3);
  int zero = 0, near_pow2 = 0;
  std::array<double, 13> mass{};
  for (int i = 0; i < 200000; ++i) {
    const uint64_t c = threshold_count(rng, 4096);
    ASSERT_LE(c, 4096u);
    zero += c == 0;
    for (uint64_t p = 16; p <= 4096; p *= 2) near_pow2 += c + 3 >= p && c <= p + 1 && c > 16;
    if (c > 16) mass[std::bit_width(c + 3) - 1] += static_cast<double>(c);
  }
  EXPECT_GT(zero, 40000);
  EXPECT_GT(near_pow2, 3000);
  const auto [lo, hi] = std::minmax_element(mass.begin() + 5, mass.begin() + 12);
  EXPECT_GT(*lo * 3, *hi) << "class shares " << *lo << " vs " << *hi;
}

}  // namespace
}  // namespace contend
