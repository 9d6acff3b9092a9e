// zoo_promote: a two-level map (cold and hot tables, one mutex each, always taken cold then hot).
// A key found kPromoteAt times migrates from cold to hot. The bug moves it in two steps: erase
// from cold, drop both locks, then insert into hot; in between the key is in neither table, so a
// concurrent find misses it and a concurrent insert succeeds (a key promoted between two
// structures). Fixed: the move happens under both locks.
#pragma once

#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class Promote {
 public:
  static constexpr MapContract kContract{};
  static constexpr uint32_t kPromoteAt = 8;

  bool insert(Key k, Value v) {
    std::lock_guard c(cold_mu_), h(hot_mu_);
    if (hot_.count(k) != 0) return false;
    return cold_.try_emplace(k, Entry{v, 0}).second;
  }
  bool erase(Key k) {
    std::lock_guard c(cold_mu_), h(hot_mu_);
    return hot_.erase(k) + cold_.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    std::unique_lock c(cold_mu_), h(hot_mu_);
    if (auto it = hot_.find(k); it != hot_.end()) return it->second;
    auto it = cold_.find(k);
    if (it == cold_.end()) return std::nullopt;
    const Value v = it->second.value;
    if (++it->second.hits < kPromoteAt) return v;
    cold_.erase(it);
    if constexpr (kBug) {
      h.unlock();
      c.unlock();
      std::lock_guard h2(hot_mu_);
      hot_.emplace(k, v);
    } else {
      hot_.emplace(k, v);
    }
    return v;
  }
  Value add(Key k, Value d) {
    std::lock_guard c(cold_mu_), h(hot_mu_);
    if (auto it = hot_.find(k); it != hot_.end()) return it->second += d;
    return cold_[k].value += d;
  }
  void for_each(Visitor fn) const {
    std::lock_guard c(cold_mu_), h(hot_mu_);
    for (const auto& [k, e] : cold_) fn(k, e.value);
    for (const auto& [k, v] : hot_) fn(k, v);
  }
  std::size_t size() const {
    std::lock_guard c(cold_mu_), h(hot_mu_);
    return cold_.size() + hot_.size();
  }

 private:
  struct Entry {
    Value value = 0;
    uint32_t hits = 0;
  };
  mutable std::mutex cold_mu_, hot_mu_;
  mutable std::unordered_map<Key, Entry> cold_;
  mutable std::unordered_map<Key, Value> hot_;
};

}  // namespace contend::zoo
