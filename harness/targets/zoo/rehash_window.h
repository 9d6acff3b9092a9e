// zoo_rehash_window: a chained hash table under one mutex that doubles when 3/4 full. The bug
// rehashes under the lock but installs the new buckets after dropping and retaking it; an insert
// or erase that gets the lock in between goes to the old buckets and is lost when the new ones
// are installed (a growth/rehash window). Stress rarely hits it: the window is a few
// instructions wide and the grower usually retakes the lock before a waiter wakes. Fixed: the
// new buckets are installed before the lock is dropped.
#pragma once

#include <mutex>

#include "targets/map_target.h"
#include "targets/zoo/detail/growing_table.h"

namespace contend::zoo {

template <bool kBug>
class RehashWindow {
 public:
  static constexpr MapContract kContract{};

  bool insert(Key k, Value v) {
    std::unique_lock g(mu_);
    if (!t_.insert(k, v)) return false;
    if (t_.needs_growth()) grow(g);
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
    if (t_.needs_growth()) grow(g);
    return d;
  }
  void for_each(Visitor fn) const {
    std::lock_guard g(mu_);
    for (const auto& b : t_.buckets) {
      for (const auto& [k, v] : b) fn(k, v);
    }
  }
  std::size_t size() const {
    std::lock_guard g(mu_);
    std::size_t n = 0;
    for (const auto& b : t_.buckets) n += b.size();
    return n;
  }

 private:
  void grow(std::unique_lock<std::mutex>& g) {
    auto next = detail::GrowingTable::rehash(t_.buckets, false);
    if constexpr (kBug) {
      g.unlock();
      g.lock();
    }
    t_.buckets = std::move(next);
  }

  mutable std::mutex mu_;
  mutable detail::GrowingTable t_;
};

}  // namespace contend::zoo
