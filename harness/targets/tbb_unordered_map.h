// TbbUnorderedMap: oneTBB tbb::concurrent_unordered_map<Key, std::atomic<Value>>.
// Contract (oneTBB spec): insert, find and traversal are concurrency-safe with each other;
// traversal under concurrent insert sees every element present for the whole traversal once.
// unsafe_erase is NOT concurrency-safe with any other operation, so erase may only run while no
// other operation is active (concurrent_erase = false): the runner leaves erase out of
// multi-threaded mixes for this target and says so in the result. The mapped value is a
// std::atomic, so add() is a fetch_add on an element that, once inserted, never moves.
#pragma once

#include <atomic>

#include <oneapi/tbb/concurrent_unordered_map.h>

#include "targets/map_target.h"

namespace contend {

class TbbUnorderedMap {
 public:
  static constexpr MapContract kContract{.concurrent_erase = false};

  bool insert(Key k, Value v) { return map_.emplace(k, v).second; }
  bool erase(Key k) { return map_.unsafe_erase(k) != 0; }
  std::optional<Value> find(Key k) const {
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second.load(std::memory_order_acquire);
  }
  Value add(Key k, Value d) {
    auto it = map_.emplace(k, 0).first;
    return it->second.fetch_add(d, std::memory_order_acq_rel) + d;
  }
  void for_each(Visitor fn) const {
    for (const auto& [k, v] : map_) fn(k, v.load(std::memory_order_acquire));
  }
  std::size_t size() const { return map_.size(); }

 private:
  tbb::concurrent_unordered_map<Key, std::atomic<Value>> map_;
};

}  // namespace contend
