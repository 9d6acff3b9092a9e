// zoo_erase_check_then_act: std::mutex + std::unordered_map where erase() checks presence under
// one lock acquisition and removes under a second, so two concurrent erases of one present key
// both report success (check-then-act over two acquisitions). Fixed: one acquisition.
#pragma once

#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class EraseCheckThenAct {
 public:
  static constexpr MapContract kContract{};

  bool insert(Key k, Value v) {
    std::lock_guard g(mu_);
    return map_.try_emplace(k, v).second;
  }
  bool erase(Key k) {
    if constexpr (kBug) {
      {
        std::lock_guard g(mu_);
        if (map_.find(k) == map_.end()) return false;
      }
      std::lock_guard g(mu_);
      map_.erase(k);
      return true;
    } else {
      std::lock_guard g(mu_);
      return map_.erase(k) != 0;
    }
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
