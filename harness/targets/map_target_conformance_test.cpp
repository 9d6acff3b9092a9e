//! \brief Conformance: every registered map target (adapters, canaries and zoo bugs alike, which
//! are only broken under concurrency, but for zoo_sequential_grow) gives the same results as std::map on the same sequential
//! operation sequence. Scope: sequential semantics of the MapTarget contract.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "targets/registry.h"
#include "util/rng.h"

namespace contend {
namespace {

class Reference {
 public:
  bool insert(Key k, Value v) { return m_.try_emplace(k, v).second; }
  bool erase(Key k) { return m_.erase(k) != 0; }
  std::optional<Value> find(Key k) const {
    auto it = m_.find(k);
    return it == m_.end() ? std::nullopt : std::optional<Value>(it->second);
  }
  Value add(Key k, Value d) { return m_[k] += d; }
  const std::map<Key, Value>& contents() const { return m_; }

 private:
  std::map<Key, Value> m_;
};

std::map<Key, Value> visit_all(const AnyMap& m) {
  std::map<Key, Value> seen;
  m.for_each([&](Key k, Value v) {
    EXPECT_TRUE(seen.emplace(k, v).second) << "for_each visited key " << k << " twice";
  });
  return seen;
}

class MapConformance : public ::testing::TestWithParam<std::string> {};

//! requirement: same results as std::map over a random mix on a small key space (many hits and
//! misses for every operation), including growth past several rehashes.
TEST_P(MapConformance, MatchesStdMapOnRandomSequence) {
  const auto* info = TargetRegistry::instance().find_map(GetParam());
  ASSERT_NE(info, nullptr);
  auto map = info->make();
  Reference ref;
  Rng rng(42);
  for (int i = 0; i < 20000; ++i) {
    const Key k = rng.below(i < 10000 ? 64 : 4096);
    const Value v = static_cast<Value>(rng.below(1000)) - 500;
    switch (rng.below(5)) {
      case 0: ASSERT_EQ(map->insert(k, v), ref.insert(k, v)) << "insert " << k << " at step " << i; break;
      case 1: ASSERT_EQ(map->erase(k), ref.erase(k)) << "erase " << k << " at step " << i; break;
      case 2: ASSERT_EQ(map->find(k), ref.find(k)) << "find " << k << " at step " << i; break;
      case 3: ASSERT_EQ(map->add(k, v), ref.add(k, v)) << "add " << k << " at step " << i; break;
      case 4: ASSERT_EQ(map->size(), ref.contents().size()) << "size at step " << i; break;
    }
  }
  EXPECT_EQ(visit_all(*map), ref.contents());
}

//! requirement: add() on an absent key starts from 0; erase then re-insert starts fresh.
TEST_P(MapConformance, AddStartsFromZeroAndEraseForgets) {
  auto map = TargetRegistry::instance().find_map(GetParam())->make();
  EXPECT_EQ(map->add(7, 5), 5);
  EXPECT_EQ(map->add(7, -2), 3);
  EXPECT_FALSE(map->insert(7, 100));  // never overwrites
  EXPECT_EQ(map->find(7), std::optional<Value>(3));
  EXPECT_TRUE(map->erase(7));
  EXPECT_FALSE(map->erase(7));
  EXPECT_EQ(map->find(7), std::nullopt);
  EXPECT_TRUE(map->insert(7, 100));
  EXPECT_EQ(map->add(7, 1), 101);
  EXPECT_EQ(map->size(), 1u);
}

// Every target but the one whose seeded bug is sequential (zoo_sequential_grow: this very test is
// what it must fail; its fixed twin stays in).
std::vector<std::string> all_map_names() {
  std::vector<std::string> names;
  for (const auto& m : TargetRegistry::instance().maps()) {
    if (m.name != "zoo_sequential_grow") names.push_back(m.name);
  }
  return names;
}

INSTANTIATE_TEST_SUITE_P(AllTargets, MapConformance, ::testing::ValuesIn(all_map_names()),
                         [](const auto& info) { return info.param; });

//! requirement: the built-in set is registered, canaries are flagged, and defaults exclude them.
TEST(Registry, BuiltinTargetsAndCanaries) {
  const auto& reg = TargetRegistry::instance();
  for (const char* n : {"std_mutex_map", "std_shared_mutex_map", "sharded_map", "tbb_hash_map",
                        "tbb_unordered_map", "cuckoo_map"}) {
    const auto* info = reg.find_map(n);
    ASSERT_NE(info, nullptr) << n;
    EXPECT_FALSE(info->canary) << n;
  }
  for (const char* n : {"canary_racy_map", "canary_lost_update_map", "canary_unsafe_iter_map"}) {
    const auto* info = reg.find_map(n);
    ASSERT_NE(info, nullptr) << n;
    EXPECT_TRUE(info->canary) << n;
  }
  for (const auto& n : reg.default_map_names()) EXPECT_EQ(n.rfind("canary_", 0), std::string::npos) << n;
}

//! error_guessing: an unknown name is a usage error that suggests the closest real name.
TEST(Registry, UnknownNameSuggestsClosest) {
  auto r = TargetRegistry::instance().lookup_map("tbb_hashmap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ExitCode::kUsage);
  EXPECT_NE(r.error().message.find("tbb_hashmap"), std::string::npos);
  EXPECT_NE(r.error().hint.find("tbb_hash_map"), std::string::npos);
}

}  // namespace
}  // namespace contend
