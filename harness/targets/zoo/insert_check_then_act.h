// zoo_insert_check_then_act: std::mutex + std::unordered_map where insert() checks absence under
// one lock acquisition and stores (overwriting) under a second, so two concurrent inserts of one
// new key both succeed and the first value is lost. Fixed: try_emplace under one acquisition.
#pragma once

#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class InsertCheckThenAct {
 public:
  static constexpr MapContract kContract{};

  bool insert(Key k, Value v) {
    if constexpr (kBug) {
      {
        std::lock_guard g(mu_);
        if (map_.count(k) != 0) return false;
      }
      std::lock_guard g(mu_);
      map_[k] = v;
      return true;
    } else {
      std::lock_guard g(mu_);
      return map_.try_emplace(k, v).second;
    }
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

 private:
  mutable std::mutex mu_;
  std::unordered_map<Key, Value> map_;
};

}  // namespace contend::zoo
