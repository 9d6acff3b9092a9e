// CanaryRacyMap (canary): std::unordered_map with no synchronization at all, while claiming the
// full concurrent contract. Concurrent writers lose inserts, corrupt buckets during rehash and
// crash (failure mode 1). Exists so the harness can prove its detectors work.
#pragma once

#include <unordered_map>

#include "targets/map_target.h"

namespace contend {

class CanaryRacyMap {
 public:
  static constexpr MapContract kContract{};  // the promise it breaks

  bool insert(Key k, Value v) { return map_.try_emplace(k, v).second; }
  bool erase(Key k) { return map_.erase(k) != 0; }
  std::optional<Value> find(Key k) const {
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) { return map_[k] += d; }
  void for_each(Visitor fn) const {
    for (const auto& [k, v] : map_) fn(k, v);
  }
  std::size_t size() const { return map_.size(); }

 private:
  std::unordered_map<Key, Value> map_;
};

}  // namespace contend
