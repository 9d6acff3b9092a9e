// StdMutexMap: std::unordered_map guarded by one std::mutex.
// Contract: every operation, including for_each and size, holds the mutex for its whole
// duration, so all operations may overlap and each is linearizable; for_each is a snapshot.
#pragma once

#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend {

class StdMutexMap {
 public:
  static constexpr MapContract kContract{};

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

 private:
  mutable std::mutex mu_;
  std::unordered_map<Key, Value> map_;
};

}  // namespace contend
