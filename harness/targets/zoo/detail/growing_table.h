// GrowingTable: the chained hash table under two zoo bugs (rehash_window, sequential_grow):
// 16 buckets to start, doubled when more than 3/4 full, keys spread by a multiplicative hash.
// Not thread-safe: the owner locks. rehash(from, skip_last) rebuilds `from` into twice as many
// buckets; skip_last drops the last bucket's chain (the seeded sequential bug).
#pragma once

#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "targets/map_target.h"

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

// The map both growth bugs wrap around a GrowingTable, every operation under one mutex.
// Derived::grow(lock) grows the table once an insert left it more than 3/4 full; it gets the
// held lock (and may drop and retake it).
template <class Derived>
class LockedGrowingMap {
 public:
  bool insert(Key k, Value v) {
    std::unique_lock g(mu_);
    if (!t_.insert(k, v)) return false;
    if (t_.needs_growth()) static_cast<Derived*>(this)->grow(g);
    return true;
  }
  bool erase(Key k) {
    std::lock_guard g(mu_);
    return t_.erase(k);
  }
  std::optional<Value> find(Key k) const {
    std::lock_guard g(mu_);
    if (const Value* v = t_.find(k)) return *v;
    return std::nullopt;
  }
  Value add(Key k, Value d) {
    std::unique_lock g(mu_);
    if (Value* v = t_.find(k)) return *v += d;
    t_.insert(k, d);
    if (t_.needs_growth()) static_cast<Derived*>(this)->grow(g);
    return d;
  }
  void for_each(Visitor fn) const {
    std::lock_guard g(mu_);
    for (const auto& b : t_.buckets) {
      for (const auto& [k, v] : b) fn(k, v);
    }
  }
  // Elements in the buckets (what for_each visits).
  std::size_t size() const {
    std::lock_guard g(mu_);
    std::size_t n = 0;
    for (const auto& b : t_.buckets) n += b.size();
    return n;
  }

 protected:
  mutable std::mutex mu_;
  mutable GrowingTable t_;
};

}  // namespace contend::zoo::detail
