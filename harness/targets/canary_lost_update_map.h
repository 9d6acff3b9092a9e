// CanaryLostUpdateMap (canary): std::mutex + std::unordered_map where every step is locked but
// add() is check-then-act: it reads the value under one lock acquisition and writes value + d
// under a second one, so two concurrent adds on one key lose an update (failure mode 6).
// Everything else is correct.
#pragma once

#include "targets/detail/locked_unordered_map.h"

namespace contend {

class CanaryLostUpdateMap : public detail::LockedUnorderedMap {
 public:
  static constexpr MapContract kContract{};  // claims add() is atomic; it is not

  Value add(Key k, Value d) {
    const Value next = find(k).value_or(0) + d;  // read under the first acquisition...
    std::lock_guard g(mu_);                     // ...write under a second: the gap loses updates
    map_[k] = next;
    return next;
  }
};

}  // namespace contend
