// zoo_lock_order: two shards, each a mutex and a std::unordered_map; iteration locks shard 0 then
// shard 1. An insert into a shard holding kSpill or more elements also records the spill in the
// neighbour shard's statistics, under its lock; the bug takes the neighbour's lock while holding
// its own, so an insert into shard 1 locks 1 then 0 against iteration's 0 then 1 (lock-order
// inversion between an operation and iteration: deadlock). Fixed: both locks in shard order.
#pragma once

#include <array>
#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class LockOrder {
 public:
  static constexpr MapContract kContract{};
  static constexpr std::size_t kSpill = 4;

  bool insert(Key k, Value v) {
    const std::size_t i = k % 2, o = 1 - i;
    std::unique_lock g(shards_[i].mu);
    if (shards_[i].map.size() < kSpill) return shards_[i].map.try_emplace(k, v).second;
    if constexpr (kBug) {
      std::lock_guard g2(shards_[o].mu);  // holding shards_[i].mu: order i, o
      ++shards_[o].spills;
      return shards_[i].map.try_emplace(k, v).second;
    } else {
      g.unlock();
      std::lock_guard a(shards_[0].mu), b(shards_[1].mu);
      ++shards_[o].spills;
      return shards_[i].map.try_emplace(k, v).second;
    }
  }
  bool erase(Key k) {
    Shard& s = shards_[k % 2];
    std::lock_guard g(s.mu);
    return s.map.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    const Shard& s = shards_[k % 2];
    std::lock_guard g(s.mu);
    auto it = s.map.find(k);
    if (it == s.map.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    Shard& s = shards_[k % 2];
    std::lock_guard g(s.mu);
    return s.map[k] += d;
  }
  void for_each(Visitor fn) const {
    std::lock_guard a(shards_[0].mu);
    std::lock_guard b(shards_[1].mu);
    for (const Shard& s : shards_) {
      for (const auto& [k, v] : s.map) fn(k, v);
    }
  }
  std::size_t size() const {
    std::lock_guard a(shards_[0].mu);
    std::lock_guard b(shards_[1].mu);
    return shards_[0].map.size() + shards_[1].map.size();
  }

 private:
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<Key, Value> map;
    uint64_t spills = 0;
  };
  std::array<Shard, 2> shards_;
};

}  // namespace contend::zoo
