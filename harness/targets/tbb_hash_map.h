// TbbHashMap: oneTBB tbb::concurrent_hash_map<Key, Value>.
// Contract (oneTBB spec): insert, erase, find and accessor-based updates may all run
// concurrently; an accessor holds the element's write lock, a const_accessor its read lock, so
// add() is an atomic read-modify-write. size() is not exact under concurrent writes.
// Iteration (begin/end) is NOT safe concurrently with insert or erase: for_each may only run
// while no writer is active (iterate_under_writes = false).
#pragma once

#include <oneapi/tbb/concurrent_hash_map.h>

#include "targets/map_target.h"

namespace contend {

class TbbHashMap {
 public:
  static constexpr MapContract kContract{.iterate_under_writes = false, .iterate_exactly_once = false};

  bool insert(Key k, Value v) { return map_.insert({k, v}); }
  bool erase(Key k) { return map_.erase(k); }
  std::optional<Value> find(Key k) const {
    Map::const_accessor acc;
    if (!map_.find(acc, k)) return std::nullopt;
    return acc->second;
  }
  Value add(Key k, Value d) {
    Map::accessor acc;
    map_.insert(acc, k);  // value-initialized to 0 when absent; acc holds the element lock
    return acc->second += d;
  }
  void for_each(Visitor fn) const {
    for (const auto& [k, v] : map_) fn(k, v);
  }
  std::size_t size() const { return map_.size(); }

 private:
  using Map = tbb::concurrent_hash_map<Key, Value>;
  Map map_;
};

}  // namespace contend
