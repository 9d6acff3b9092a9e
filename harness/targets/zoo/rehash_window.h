// zoo_rehash_window: a chained hash table under one mutex that doubles when 3/4 full. The bug
// rehashes under the lock but installs the new buckets after dropping and retaking it; an insert
// or erase that gets the lock in between goes to the old buckets and is lost when the new ones
// are installed (a growth/rehash window). Stress rarely hits it: the window is a few
// instructions wide and the grower usually retakes the lock before a waiter wakes. Fixed: the
// new buckets are installed before the lock is dropped.
#pragma once

#include "targets/zoo/detail/growing_table.h"

namespace contend::zoo {

template <bool kBug>
class RehashWindow : public detail::LockedGrowingMap<RehashWindow<kBug>> {
 public:
  static constexpr MapContract kContract{};

  void grow(std::unique_lock<std::mutex>& g) {
    auto next = detail::GrowingTable::rehash(this->t_.buckets, false);
    if constexpr (kBug) {
      g.unlock();
      g.lock();
    }
    this->t_.buckets = std::move(next);
  }
};

}  // namespace contend::zoo
