// CanaryCarriedStateMap (canary): state that outlives an execution. Each thread takes a
// thread_local slot number from a process-wide counter the first time it uses a map instance;
// slots [0, kSlots) are private staging areas for add(), and once the counter has passed kSlots
// every thread stages in slot 0, unsynchronized, so two concurrent adds can lose a delta. In a
// long exploration the counter passes kSlots after a few hundred executions; in a fresh process
// (`contend replay`) it starts at 0 again and the same schedule passes: the failure does not
// replay. Exists to test that explore says so and switches to fork-per-execution.
#pragma once

#include <array>
#include <atomic>

#include "targets/detail/locked_unordered_map.h"

namespace contend {

class CanaryCarriedStateMap : public detail::LockedUnorderedMap {
 public:
  static constexpr MapContract kContract{};
  static constexpr std::size_t kSlots = 400;

  Value add(Key k, Value d) {
    Value& staged = staging_[slot()];
    staged = d;
    std::lock_guard g(mu_);
    return map_[k] += staged;
  }

 private:
  std::size_t slot() {
    struct Tls {
      uint64_t owner = 0;  // instance id: a new map may reuse a freed one's address
      std::size_t slot = 0;
    };
    static thread_local Tls tls;
    static std::atomic<std::size_t> next{0};
    if (tls.owner != id_) {
      tls.owner = id_;
      const std::size_t s = next.fetch_add(1, std::memory_order_relaxed);
      tls.slot = s < kSlots ? s : 0;
    }
    return tls.slot;
  }

  static uint64_t next_id() {
    static std::atomic<uint64_t> n{0};
    return n.fetch_add(1, std::memory_order_relaxed) + 1;
  }

  const uint64_t id_ = next_id();
  std::array<Value, kSlots> staging_{};
};

}  // namespace contend
