// zoo_insert_check_then_act: std::mutex + std::unordered_map where insert() checks absence under
// one lock acquisition and stores (overwriting) under a second, so two concurrent inserts of one
// new key both succeed and the first value is lost. Fixed: try_emplace under one acquisition.
#pragma once

#include "targets/detail/locked_unordered_map.h"

namespace contend::zoo {

template <bool kBug>
class InsertCheckThenAct : public detail::LockedUnorderedMap {
 public:
  static constexpr MapContract kContract{};

  bool insert(Key k, Value v) {
    if constexpr (kBug) {
      {
        std::lock_guard g(mu_);
        if (map_.count(k) != 0) return false;
      }
      std::lock_guard g(mu_);
      map_[k] = v;
      return true;
    } else {
      return LockedUnorderedMap::insert(k, v);
    }
  }
};

}  // namespace contend::zoo
