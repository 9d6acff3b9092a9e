// StdMutexMap: std::unordered_map guarded by one std::mutex.
// Contract: every operation, including for_each and size, holds the mutex for its whole
// duration, so all operations may overlap and each is linearizable; for_each is a snapshot.
#pragma once

#include "targets/detail/locked_unordered_map.h"

namespace contend {

class StdMutexMap : public detail::LockedUnorderedMap {
 public:
  static constexpr MapContract kContract{};
};

}  // namespace contend
