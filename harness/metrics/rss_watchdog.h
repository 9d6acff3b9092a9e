// RssWatchdog: the --rss-limit-mb trip wire. The RSS sampler calls check() with every sample; the
// runner polls exceeded() and stops the workload (outcome `oom`), reporting the recorded value.
//
// Shared-memory safe: a standard-layout, trivially copyable struct of plain integers (all zero =
// no limit, not tripped), accessed only through std::atomic_ref, whose lock-free 64/32-bit
// operations are address-free, so a watchdog in a MAP_SHARED region created before fork can be
// tripped by the child's sampler and read by the parent while the child still runs.
// Memory ordering: check() writes the trip values relaxed, then `tripped_` with release (a CAS,
// so only the first trip is recorded); exceeded() loads `tripped_` with acquire, so a reader that
// sees true also sees the recorded values.
#pragma once

#include <atomic>
#include <cstdint>
#include <type_traits>

namespace contend::metrics {

class RssWatchdog {
 public:
  // limit_bytes == 0 disables the watchdog. Set before the sampler starts.
  void set_limit_bytes(uint64_t limit) noexcept {
    std::atomic_ref<uint64_t>(limit_bytes_).store(limit, std::memory_order_relaxed);
  }
  void set_limit_mb(uint64_t mb) noexcept { set_limit_bytes(mb << 20); }
  uint64_t limit_bytes() const noexcept { return load(limit_bytes_, std::memory_order_relaxed); }

  // Compares one RSS sample with the limit. Returns true if the limit is (or already was)
  // exceeded; the first exceeding sample's rss and time are recorded.
  bool check(uint64_t rss_bytes, uint64_t t_ns) noexcept {
    const uint64_t limit = limit_bytes();
    if (limit == 0 || rss_bytes <= limit) return exceeded();
    uint32_t expected = 0;
    std::atomic_ref<uint32_t> tripped(tripped_);
    if (tripped.load(std::memory_order_relaxed) == 0) {
      // Only the sampler thread calls check(), so the values cannot be written twice; the CAS
      // still guards against a second sampler sharing the watchdog.
      std::atomic_ref<uint64_t>(rss_at_trip_).store(rss_bytes, std::memory_order_relaxed);
      std::atomic_ref<uint64_t>(t_ns_at_trip_).store(t_ns, std::memory_order_relaxed);
      tripped.compare_exchange_strong(expected, 1, std::memory_order_release,
                                      std::memory_order_relaxed);
    }
    return true;
  }

  // True once a sample exceeded the limit. Cheap; poll it from the runner.
  bool exceeded() const noexcept {
    return std::atomic_ref<uint32_t>(const_cast<uint32_t&>(tripped_))
               .load(std::memory_order_acquire) != 0;
  }
  // RSS of the first exceeding sample, and its time since sampler start (0 if not exceeded).
  uint64_t exceeded_rss_bytes() const noexcept {
    return exceeded() ? load(rss_at_trip_, std::memory_order_relaxed) : 0;
  }
  uint64_t exceeded_at_ns() const noexcept {
    return exceeded() ? load(t_ns_at_trip_, std::memory_order_relaxed) : 0;
  }

 private:
  static uint64_t load(const uint64_t& v, std::memory_order mo) noexcept {
    return std::atomic_ref<uint64_t>(const_cast<uint64_t&>(v)).load(mo);
  }

  alignas(8) uint64_t limit_bytes_ = 0;
  uint64_t rss_at_trip_ = 0;
  uint64_t t_ns_at_trip_ = 0;
  uint32_t tripped_ = 0;
  [[maybe_unused]] uint32_t reserved_ = 0;  // explicit tail padding (size stays 32)
};

static_assert(std::is_standard_layout_v<RssWatchdog>);
static_assert(std::is_trivially_copyable_v<RssWatchdog>);
static_assert(std::atomic_ref<uint64_t>::is_always_lock_free);
static_assert(std::atomic_ref<uint32_t>::is_always_lock_free);

}  // namespace contend::metrics
