// StdSharedMutexMap: std::unordered_map guarded by one std::shared_mutex.
// Contract: writers (insert, erase, add) hold it exclusively; readers (find, for_each, size)
// hold it shared, so readers overlap each other but never a writer. All operations may be
// called concurrently and are linearizable; for_each is a snapshot.
#pragma once

#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend {

class StdSharedMutexMap {
 public:
  static constexpr MapContract kContract{};

  bool insert(Key k, Value v) {
    std::unique_lock g(mu_);
    return map_.try_emplace(k, v).second;
  }
  bool erase(Key k) {
    std::unique_lock g(mu_);
    return map_.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    std::shared_lock g(mu_);
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    std::unique_lock g(mu_);
    return map_[k] += d;
  }
  void for_each(Visitor fn) const {
    std::shared_lock g(mu_);
    for (const auto& [k, v] : map_) fn(k, v);
  }
  std::size_t size() const {
    std::shared_lock g(mu_);
    return map_.size();
  }

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<Key, Value> map_;
};

}  // namespace contend
