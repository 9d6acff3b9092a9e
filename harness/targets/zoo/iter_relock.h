// zoo_iter_relock: two shards (mutex + std::map each). Iteration visits a shard two elements per
// lock acquisition, dropping the lock in between so writers are not starved. The bug resumes by
// position (skip the first i elements) instead of by key, so an erase of an earlier key during
// the gap makes it skip a key that was present throughout, and an insert of one makes it visit a
// key twice (iteration across a relock). Fixed: resume after the last key visited.
#pragma once

#include <array>
#include <iterator>
#include <map>
#include <mutex>

#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class IterRelock {
 public:
  static constexpr MapContract kContract{};  // promises weakly consistent iteration

  bool insert(Key k, Value v) {
    Shard& s = shard(k);
    std::lock_guard g(s.mu);
    return s.map.try_emplace(k, v).second;
  }
  bool erase(Key k) {
    Shard& s = shard(k);
    std::lock_guard g(s.mu);
    return s.map.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    const Shard& s = shard(k);
    std::lock_guard g(s.mu);
    auto it = s.map.find(k);
    if (it == s.map.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    Shard& s = shard(k);
    std::lock_guard g(s.mu);
    return s.map[k] += d;
  }
  void for_each(Visitor fn) const {
    for (const Shard& s : shards_) {
      std::size_t pos = 0;
      Key last = 0;
      bool started = false;
      for (;;) {
        std::pair<Key, Value> batch[2];
        std::size_t n = 0;
        {
          std::lock_guard g(s.mu);
          auto it = s.map.begin();
          if constexpr (kBug) {
            if (pos >= s.map.size()) break;
            std::advance(it, static_cast<std::ptrdiff_t>(pos));
          } else if (started) {
            it = s.map.upper_bound(last);
          }
          for (; it != s.map.end() && n < 2; ++it) batch[n++] = *it;
        }
        if (n == 0) break;
        for (std::size_t i = 0; i < n; ++i) fn(batch[i].first, batch[i].second);
        pos += n;
        last = batch[n - 1].first;
        started = true;
      }
    }
  }
  std::size_t size() const {
    std::size_t n = 0;
    for (const Shard& s : shards_) {
      std::lock_guard g(s.mu);
      n += s.map.size();
    }
    return n;
  }

 private:
  struct Shard {
    mutable std::mutex mu;
    std::map<Key, Value> map;
  };
  Shard& shard(Key k) { return shards_[k % 2]; }
  const Shard& shard(Key k) const { return shards_[k % 2]; }
  std::array<Shard, 2> shards_;
};

}  // namespace contend::zoo
