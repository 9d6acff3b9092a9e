// CuckooMap: libcuckoo::cuckoohash_map<Key, Value> (fine-grained striped spinlocks).
// Contract (libcuckoo docs): every member function is safe to call concurrently and each
// single-key operation is linearizable; upsert runs its functor under the bucket locks, so add()
// is atomic. for_each takes lock_table(), which locks every bucket for its duration: a snapshot
// that blocks writers. size() is exact only when quiescent.
#pragma once

#include <libcuckoo/cuckoohash_map.hh>

#include "targets/map_target.h"

namespace contend {

class CuckooMap {
 public:
  static constexpr MapContract kContract{.cheap_iteration = false};

  bool insert(Key k, Value v) { return map_.insert(k, v); }
  bool erase(Key k) { return map_.erase(k); }
  std::optional<Value> find(Key k) const {
    Value v{};
    if (!map_.find(k, v)) return std::nullopt;
    return v;
  }
  Value add(Key k, Value d) {
    Value result = d;
    map_.upsert(k, [&](Value& v) { result = (v += d); }, d);
    return result;
  }
  void for_each(Visitor fn) const {
    auto locked = map_.lock_table();
    for (const auto& [k, v] : locked) fn(k, v);
  }
  std::size_t size() const { return map_.size(); }

 private:
  // lock_table() is non-const in libcuckoo; for_each is logically const.
  mutable libcuckoo::cuckoohash_map<Key, Value> map_;
};

}  // namespace contend
