// zoo_sequential_grow: the chained hash table of rehash_window, correctly locked, whose growth
// forgets the chain of the last bucket: a sequential bug (one thread finds it) that shows only
// once the table has grown past 12 elements with a key in the last bucket, i.e. after an init
// part of dozens of operations. Fixed: every bucket is rehashed.
#pragma once

#include "targets/zoo/detail/growing_table.h"

namespace contend::zoo {

template <bool kBug>
class SequentialGrow : public detail::LockedGrowingMap<SequentialGrow<kBug>> {
 public:
  static constexpr MapContract kContract{};

  void grow(std::unique_lock<std::mutex>&) { this->t_.buckets = detail::GrowingTable::rehash(this->t_.buckets, kBug); }
  // The inserts counted, not the elements left: after the lost chain, size() and for_each disagree.
  std::size_t size() const {
    std::lock_guard g(this->mu_);
    return this->t_.count;
  }
};

}  // namespace contend::zoo
