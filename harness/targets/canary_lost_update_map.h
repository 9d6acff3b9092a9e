// CanaryLostUpdateMap (canary): std::mutex + std::unordered_map where every step is locked but
// add() is check-then-act: it reads the value under one lock acquisition and writes value + d
// under a second one, so two concurrent adds on one key lose an update (failure mode 6).
// Everything else is correct.
#pragma once

#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend {

class CanaryLostUpdateMap {
 public:
  static constexpr MapContract kContract{};  // claims add() is atomic; it is not

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
    const Value next = find(k).value_or(0) + d;  // read under the first acquisition...
    std::lock_guard g(mu_);                     // ...write under a second: the gap loses updates
    map_[k] = next;
    return next;
  }
  void for_each(Visitor fn) const {
    std::lock_guard g(mu_);
    for (const auto& [k, v] : map_) fn(k, v);
  }
  std::size_t size() const {
    std::lock_guard g(mu_);
    return map_.size();
  }

 private:
  mutable std::mutex mu_;
  std::unordered_map<Key, Value> map_;
};

}  // namespace contend
