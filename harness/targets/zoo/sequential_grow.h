// zoo_sequential_grow: the chained hash table of rehash_window, correctly locked, whose growth
// forgets the chain of the last bucket: a sequential bug (one thread finds it) that shows only
// once the table has grown past 12 elements with a key in the last bucket, i.e. after an init
// part of dozens of operations. Fixed: every bucket is rehashed.
#pragma once

#include <mutex>

#include "targets/map_target.h"
#include "targets/zoo/detail/growing_table.h"

namespace contend::zoo {

template <bool kBug>
class SequentialGrow {
 public:
  static constexpr MapContract kContract{};

  bool insert(Key k, Value v) {
    std::lock_guard g(mu_);
    if (!t_.insert(k, v)) return false;
    grow_if_needed();
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
    std::lock_guard g(mu_);
    if (Value* v = t_.find(k)) return *v += d;
    t_.insert(k, d);
    grow_if_needed();
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
    return t_.count;
  }

 private:
  void grow_if_needed() {
    if (t_.needs_growth()) t_.buckets = detail::GrowingTable::rehash(t_.buckets, kBug);
  }

  mutable std::mutex mu_;
  mutable detail::GrowingTable t_;
};

}  // namespace contend::zoo
