// zoo_erase_check_then_act: std::mutex + std::unordered_map where erase() checks presence under
// one lock acquisition and removes under a second, so two concurrent erases of one present key
// both report success (check-then-act over two acquisitions). Fixed: one acquisition.
#pragma once

#include "targets/detail/locked_unordered_map.h"

namespace contend::zoo {

template <bool kBug>
class EraseCheckThenAct : public detail::LockedUnorderedMap {
 public:
  static constexpr MapContract kContract{};

  bool erase(Key k) {
    if constexpr (kBug) {
      {
        std::lock_guard g(mu_);
        if (map_.find(k) == map_.end()) return false;
      }
      std::lock_guard g(mu_);
      map_.erase(k);
      return true;
    } else {
      return LockedUnorderedMap::erase(k);
    }
  }
};

}  // namespace contend::zoo
