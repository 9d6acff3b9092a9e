//! \brief The stress-mode invariants flag exactly the misbehaviours they claim to, with details
//! a person can act on, and stay silent on correct sequences. Scope: runner/map_invariants.h.
#include "runner/map_invariants.h"

#include <gtest/gtest.h>

#include "gen/key_space.h"
#include "targets/std_mutex_map.h"

namespace contend {
namespace {

MapMixSpec small_spec() {
  MapMixSpec s;
  s.threads = 2;
  s.private_keys = 4;
  s.counter_keys = 2;
  s.key_space = 16;
  return s;
}

std::vector<std::string> kinds(const ViolationLog& log) {
  std::vector<std::string> out;
  for (const auto& v : log.snapshot()) out.push_back(v.kind);
  return out;
}

//! requirement: a correct sequence on private and counter keys yields no violation.
TEST(MapInvariants, CorrectSequenceIsSilent) {
  auto spec = small_spec();
  auto* log = new ViolationLog();  // large: heap, zero-initialized like the shared arena
  ThreadInvariants t(spec, 1, *log);
  const Key p = private_key(1, 2);
  t.after_find(p, std::nullopt);
  t.after_insert(p, 5, true);
  t.after_insert(p, 6, false);
  t.after_find(p, 5);
  t.after_add(counter_key(0), 3, 3);
  t.after_add(counter_key(0), 2, 9);  // others added in between: fine
  t.after_erase(p, true);
  t.after_erase(p, false);
  EXPECT_EQ(log->total(), 0u);
  delete log;
}

//! requirement: wrong results on private keys and shrinking counters are reported with details.
TEST(MapInvariants, PrivateMismatchAndLostUpdate) {
  auto spec = small_spec();
  auto log = std::make_unique<ViolationLog>();
  ThreadInvariants t(spec, 0, *log);
  const Key p = private_key(0, 1);
  t.after_insert(p, 5, true);
  t.after_find(p, 7);  // someone else wrote a private key
  t.after_add(counter_key(1), 4, 10);
  t.after_add(counter_key(1), 1, 10);  // must be >= 11
  ASSERT_EQ(kinds(*log), (std::vector<std::string>{"private-mismatch", "lost-update"}));
  const auto v = log->snapshot();
  EXPECT_NE(v[0].detail.find("returned 7, expected 5"), std::string::npos) << v[0].detail;
  EXPECT_EQ(v[0].thread, 0);
  EXPECT_TRUE(v[0].has_key);
  EXPECT_EQ(v[0].key, p);
}

//! requirement: iteration checks find duplicates, phantoms, skipped and stale private keys.
TEST(MapInvariants, IterationChecks) {
  auto spec = small_spec();
  auto log = std::make_unique<ViolationLog>();
  ThreadInvariants t(spec, 0, *log);
  t.after_insert(private_key(0, 0), 1, true);
  t.after_insert(private_key(0, 1), 2, true);
  std::vector<std::pair<Key, Value>> seen{{3, 0}, {3, 0}, {999, 0}, {private_key(0, 1), 5}};
  t.after_iterate(seen, /*exactly_once=*/true);
  EXPECT_EQ(kinds(*log), (std::vector<std::string>{"iterate-duplicate", "iterate-phantom", "iterate-missing",
                                                   "iterate-value"}));
  auto quiet = std::make_unique<ViolationLog>();
  ThreadInvariants u(spec, 0, *quiet);
  std::vector<std::pair<Key, Value>> dup{{3, 0}, {3, 0}};
  u.after_iterate(dup, /*exactly_once=*/false);  // no exactly-once promise: duplicates allowed
  EXPECT_EQ(quiet->total(), 0u);
}

//! requirement: the quiescent check catches final contents that disagree with the shadows and
//! counter sums that lost deltas.
TEST(MapInvariants, QuiescentCheck) {
  auto spec = small_spec();
  auto log = std::make_unique<ViolationLog>();
  std::vector<ThreadInvariants> threads;
  threads.emplace_back(spec, 0, *log);
  threads.emplace_back(spec, 1, *log);
  auto map = make_any_map<StdMutexMap>();
  map->insert(private_key(0, 0), 1);
  threads[0].after_insert(private_key(0, 0), 1, true);
  map->add(counter_key(0), 5);
  threads[1].after_add(counter_key(0), 5, 5);
  EXPECT_EQ(check_quiescent(*map, spec, threads, *log), 2u);
  EXPECT_EQ(log->total(), 0u);
  map->insert(private_key(1, 3), 9);  // a write nobody made
  threads[0].after_add(counter_key(1), 2, 2);  // a delta the map never got
  check_quiescent(*map, spec, threads, *log);
  EXPECT_EQ(kinds(*log), (std::vector<std::string>{"final-private-mismatch", "lost-update"}));
}

}  // namespace
}  // namespace contend
