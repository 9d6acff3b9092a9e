// GrowingTable: the chained hash table under two zoo bugs (rehash_window, sequential_grow):
// 16 buckets to start, doubled when more than 3/4 full, keys spread by a multiplicative hash.
// Not thread-safe: the owner locks. rehash(from, skip_last) rebuilds `from` into twice as many
// buckets; skip_last drops the last bucket's chain (the seeded sequential bug).
#pragma once

#include <utility>
#include <vector>

#include "gen/op.h"

namespace contend::zoo::detail {

class GrowingTable {
 public:
  using Buckets = std::vector<std::vector<std::pair<Key, Value>>>;

  static std::size_t index(Key k, std::size_t n) { return static_cast<std::size_t>((k * 0x9e3779b97f4a7c15ULL) >> 40) % n; }

  Value* find(Key k) {
    for (auto& [key, v] : buckets[index(k, buckets.size())]) {
      if (key == k) return &v;
    }
    return nullptr;
  }
  bool insert(Key k, Value v) {
    if (find(k)) return false;
    buckets[index(k, buckets.size())].push_back({k, v});
    ++count;
    return true;
  }
  bool erase(Key k) {
    auto& b = buckets[index(k, buckets.size())];
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (b[i].first == k) {
        b.erase(b.begin() + static_cast<std::ptrdiff_t>(i));
        --count;
        return true;
      }
    }
    return false;
  }
  bool needs_growth() const { return count * 4 > buckets.size() * 3; }
  static Buckets rehash(const Buckets& from, bool skip_last) {
    Buckets next(from.size() * 2);
    const std::size_t n = skip_last ? from.size() - 1 : from.size();
    for (std::size_t i = 0; i < n; ++i) {
      for (const auto& kv : from[i]) next[index(kv.first, next.size())].push_back(kv);
    }
    return next;
  }

  Buckets buckets = Buckets(16);
  std::size_t count = 0;
};

}  // namespace contend::zoo::detail
