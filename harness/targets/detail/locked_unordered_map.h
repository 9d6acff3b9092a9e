// LockedUnorderedMap: std::unordered_map behind one std::mutex, every operation under it: the
// correct base of the canaries and zoo bugs that break exactly one operation. A derived class
// declares its own version of that operation, which hides this one (MapTarget calls are
// resolved on the derived type), and uses mu_ and map_ directly.
#pragma once

#include <mutex>
#include <optional>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend::detail {

class LockedUnorderedMap {
 public:
  bool insert(Key k, Value v) {
    std::lock_guard g(mu_);
    return map_.try_emplace(k, v).second;
  }
  bool erase(Key k) {
    std::lock_guard g(mu_);
    return map_.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    std::lock_guard g(mu_);
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    std::lock_guard g(mu_);
    return map_[k] += d;
  }
  void for_each(Visitor fn) const {
    std::lock_guard g(mu_);
    for (const auto& [k, v] : map_) fn(k, v);
  }
  std::size_t size() const {
    std::lock_guard g(mu_);
    return map_.size();
  }

 protected:
  mutable std::mutex mu_;
  std::unordered_map<Key, Value> map_;
};

}  // namespace contend::detail
