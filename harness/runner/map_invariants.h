// Cheap invariants of the map-mix workload, checked during and after a stress run without a
// full linearizability check (see gen/key_space.h for the key regions they rely on):
//   private keys   only the owner thread touches them, so every result on them must match the
//                  owner's sequential shadow, and the final contents must equal the shadow
//   counter keys   only add() touches them: each add returns at least last-seen + delta (values
//                  only grow), and the final sum equals the sum of all deltas (no lost update)
//   iteration      no element twice, no key that cannot exist, every private key the iterating
//                  thread holds seen exactly once with its value (it cannot change meanwhile)
//   quiescent      size() equals the number of elements for_each visits
// Violations go to the ViolationLog with a sentence naming thread, key, expected and actual.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <span>
#include <utility>
#include <vector>

#include "gen/key_space.h"
#include "gen/map_mix.h"
#include "runner/detail/cache_aligned.h"
#include "runner/violation_log.h"
#include "targets/map_target.h"

namespace contend {

// Per-thread state; used only by its thread during the run, then read after join. Cache-line
// aligned, with its shadows in cache-aligned blocks: the hot path writes added_total_ and the
// shadows on every add and private op, and instances for different threads sit side by side
// (a vector built on the main thread), so without the alignment two workers would falsely
// share lines.
class alignas(detail::kCacheLine) ThreadInvariants {
 public:
  // `sequential`: the slot of a program's init and post parts (runner/program_execution.h),
  // named "init/post" in messages instead of "T<thread>".
  ThreadInvariants(const MapMixSpec& spec, uint32_t thread, ViolationLog& log, bool sequential = false);

  // Inline region tests: most operations touch shared keys, which only the linearizability
  // check can judge, so the common case costs one compare.
  void after_insert(Key k, Value v, bool inserted) {
    if (is_private_key(k)) private_insert(k, v, inserted);
  }
  void after_erase(Key k, bool erased) {
    if (is_private_key(k)) private_erase(k, erased);
  }
  void after_find(Key k, const std::optional<Value>& got) {
    if (is_private_key(k)) private_find(k, got);
  }
  void after_add(Key k, Value delta, Value result) {
    added_total_ += delta;
    if (is_counter_key(k)) counter_add(k, delta, result);
  }
  // `seen` is sorted by key by this call. `exactly_once`: the target promises weakly
  // consistent iteration (MapContract::iterate_exactly_once).
  void after_iterate(std::vector<std::pair<Key, Value>>& seen, bool exactly_once);

  // An iteration was stopped after `visited` elements (see collect_elements).
  void report_runaway(std::size_t visited);

  Value added_total() const { return added_total_; }
  std::optional<Value> shadow(uint32_t i) const;
  uint32_t thread() const { return thread_; }

 private:
  void report(const char* kind, Key k, const std::string& detail);
  void private_insert(Key k, Value v, bool inserted);
  void private_erase(Key k, bool erased);
  void private_find(Key k, const std::optional<Value>& got);
  void counter_add(Key k, Value delta, Value result);

  const MapMixSpec& spec_;
  uint32_t thread_;
  ViolationLog& log_;
  template <class T>
  using Shadow = std::vector<T, detail::CacheAlignedAllocator<T>>;
  Shadow<Value> values_;      // private shadow values
  Shadow<uint8_t> present_;   // private shadow presence
  Shadow<Value> counter_seen_;
  std::map<std::string, uint32_t> kept_per_kind_;  // so one flood cannot hide other kinds
  std::string who_;                                 // "T1", or "init/post"
  Value added_total_ = 0;
};

// Upper bound on the elements a map can hold under `spec` (every key of every region).
std::size_t max_elements(const MapMixSpec& spec);

// Collects every element for_each visits into `out` (cleared first). A corrupted container can
// loop forever or revisit elements endlessly; collection stops after 2 * max_elements + 16
// visits (by throwing out of the visitor, which unwinds any lock the adapter holds) and
// returns false: a "runaway iteration".
bool collect_elements(const AnyMap& map, const MapMixSpec& spec, std::vector<std::pair<Key, Value>>& out);

// True if `k` can ever be inserted by this spec (shared, counter or private region in range).
bool key_can_exist(const MapMixSpec& spec, Key k);

// After all workers joined: contents vs shadows, conservation of adds, size vs for_each.
// Returns the size() the map reported.
std::size_t check_quiescent(const AnyMap& map, const MapMixSpec& spec,
                            std::span<const ThreadInvariants> threads, ViolationLog& log);

// "T1" / "k=17" / "private(T0,#5)" style names for messages.
std::string describe_key(Key k);

}  // namespace contend
