//! \brief map-mix generation: determinism per seed, weights, key regions, spec validation and
//! JSON round trip. Scope: gen/map_mix.h, gen/key_space.h.
#include "gen/map_mix.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gen/key_space.h"

namespace contend {
namespace {

std::vector<Op> take(const MapMixSpec& spec, uint32_t thread, int n) {
  OpStream s(spec, thread);
  std::vector<Op> ops;
  for (int i = 0; i < n; ++i) ops.push_back(s.next());
  return ops;
}

bool same(const std::vector<Op>& a, const std::vector<Op>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].key != b[i].key || a[i].arg != b[i].arg) return false;
  }
  return true;
}

//! requirement: a (seed, thread) pair fully determines the sequence; other seeds/threads differ.
TEST(MapMix, DeterministicPerSeedAndThread) {
  MapMixSpec spec;
  spec.seed = 11;
  EXPECT_TRUE(same(take(spec, 0, 5000), take(spec, 0, 5000)));
  EXPECT_FALSE(same(take(spec, 0, 5000), take(spec, 1, 5000)));
  MapMixSpec other = spec;
  other.seed = 12;
  EXPECT_FALSE(same(take(spec, 0, 5000), take(other, 0, 5000)));
}

//! requirement: op frequencies follow the weights; add only hits counter keys; private keys
//! belong to their thread; shared keys stay in [0, key_space).
TEST(MapMix, WeightsAndKeyRegions) {
  MapMixSpec spec;
  spec.weights = {0.2, 0.1, 0.4, 0.2, 0.05, 0.05};
  spec.private_fraction = 0.25;
  const int n = 200000;
  std::array<int, kOpKinds> counts{};
  int priv = 0, single = 0;
  for (const Op& op : take(spec, 3, n)) {
    ++counts[static_cast<int>(op.kind)];
    if (op.kind == OpKind::kAdd) {
      EXPECT_TRUE(is_counter_key(op.key));
      EXPECT_LT(op.key & 0xffffffff, spec.counter_keys);
      EXPECT_GE(op.arg, 1);
    } else if (op.kind != OpKind::kIterate && op.kind != OpKind::kSize) {
      ++single;
      if (is_private_key(op.key)) {
        ++priv;
        EXPECT_EQ(private_owner(op.key), 3u);
        EXPECT_LT(private_index(op.key), spec.private_keys);
      } else {
        EXPECT_LT(op.key, spec.key_space);
      }
    }
  }
  for (int i = 0; i < kOpKinds; ++i) EXPECT_NEAR(counts[i] / double(n), spec.weights[i], 0.005) << kOpNames[i];
  EXPECT_NEAR(priv / double(single), 0.25, 0.01);
}

//! error_guessing: invalid specs are usage errors that name the field.
TEST(MapMix, ValidationNamesTheProblem) {
  MapMixSpec s;
  s.weights.fill(0);
  EXPECT_NE(validate(s).error().message.find("weights are 0"), std::string::npos);
  s = MapMixSpec{};
  s.threads = 0;
  EXPECT_NE(validate(s).error().message.find("threads"), std::string::npos);
  s = MapMixSpec{};
  s.ops_per_thread = 0;
  EXPECT_NE(validate(s).error().message.find("budget"), std::string::npos);
  EXPECT_TRUE(validate(MapMixSpec{}).ok());
}

//! requirement: to_json -> apply_json reproduces the spec; unknown fields and bad types fail.
TEST(MapMix, JsonRoundTripAndErrors) {
  MapMixSpec s;
  s.key_space = 77;
  s.dist.kind = KeyDistKind::kHotSet;
  s.weights = {1, 0, 2, 0, 0, 0};
  s.seed = 99;
  auto j = to_json(s);
  j.erase("preset");
  MapMixSpec back;
  ASSERT_TRUE(apply_json(j, back, "test").ok());
  back.preset = s.preset;
  EXPECT_EQ(to_json(back), to_json(s));
  auto bad = apply_json(nlohmann::json{{"key_spaces", 3}}, back, "f.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("key_spaces"), std::string::npos);
  auto bad_type = apply_json(nlohmann::json{{"threads", "two"}}, back, "f.json");
  ASSERT_FALSE(bad_type.ok());
  EXPECT_NE(bad_type.error().message.find("threads"), std::string::npos);
}

}  // namespace
}  // namespace contend
