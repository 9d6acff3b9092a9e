// ShardedMap: contend's in-house map. kShards std::unordered_maps, each under its own
// std::shared_mutex on its own cache line; a key's shard is a mix of its hash bits.
// Contract: single-key operations lock one shard (writers exclusive, find shared) and are
// linearizable. for_each locks one shard at a time (shared), so it is weakly consistent:
// a key present for the whole iteration is seen exactly once, no element twice, but the
// result is not a snapshot. size() sums shards one at a time: exact only when quiescent.
#pragma once

#include <array>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend {

class ShardedMap {
 public:
  static constexpr MapContract kContract{};
  static constexpr std::size_t kShards = 16;

  bool insert(Key k, Value v) {
    Shard& s = shard(k);
    std::unique_lock g(s.mu);
    return s.map.try_emplace(k, v).second;
  }
  bool erase(Key k) {
    Shard& s = shard(k);
    std::unique_lock g(s.mu);
    return s.map.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    const Shard& s = shard(k);
    std::shared_lock g(s.mu);
    auto it = s.map.find(k);
    if (it == s.map.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    Shard& s = shard(k);
    std::unique_lock g(s.mu);
    return s.map[k] += d;
  }
  void for_each(Visitor fn) const {
    for (const Shard& s : shards_) {
      std::shared_lock g(s.mu);
      for (const auto& [k, v] : s.map) fn(k, v);
    }
  }
  std::size_t size() const {
    std::size_t n = 0;
    for (const Shard& s : shards_) {
      std::shared_lock g(s.mu);
      n += s.map.size();
    }
    return n;
  }

 private:
  struct alignas(64) Shard {
    mutable std::shared_mutex mu;
    std::unordered_map<Key, Value> map;
  };
  static std::size_t index(Key k) {
    // Fibonacci hashing: the top bits of k * 2^64/phi spread sequential keys over shards.
    return static_cast<std::size_t>((k * 0x9e3779b97f4a7c15ULL) >> 60) % kShards;
  }
  Shard& shard(Key k) { return shards_[index(k)]; }
  const Shard& shard(Key k) const { return shards_[index(k)]; }

  std::array<Shard, kShards> shards_;
};

}  // namespace contend
