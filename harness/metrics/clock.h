// Hot-path clock: now_ticks() is a bare `rdtsc` on x86_64 with an invariant TSC, otherwise
// std::chrono::steady_clock in ns. ticks_to_ns() converts a tick *difference* to ns with a factor
// calibrated once against steady_clock (~15 ms) by init_clock().
//
// Contract:
// - Call init_clock() once at startup, before starting threads and before fork() (the child
//   inherits the calibration). It is idempotent and thread-safe (std::call_once). Before it runs,
//   now_ticks() uses steady_clock and ticks_to_ns() is the identity; ticks taken before
//   init_clock() are not comparable with ticks taken after.
// - Only differences of two now_ticks() values are meaningful. rdtsc is not serialising: it may
//   execute a few dozen cycles early or late relative to the surrounding code, which is well
//   below the histogram's 1.6% precision for anything but empty operations.
// - The TSC is used only when CPUID reports it invariant (leaf 0x80000007 EDX bit 8: constant
//   rate, runs in all C/P-states, synchronised across cores by the kernel) and the calibrated
//   rate is plausible (0.1..20 GHz). Set CONTEND_CLOCK=steady to force steady_clock.
// - Memory ordering: the two globals are atomics read with relaxed loads (a plain mov on x86).
//   A thread started after init_clock() returns sees the calibrated values through the
//   happens-before of thread creation; no ordering is needed on the hot path.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace contend::metrics {

enum class ClockSource : uint8_t { kSteadyClock, kTsc };

struct ClockInfo {
  ClockSource source = ClockSource::kSteadyClock;  // what now_ticks() reads
  double ns_per_tick = 1.0;                        // ticks_to_ns() factor
  double tsc_ghz = 0.0;                            // calibrated TSC rate; 0 if not measured
  bool invariant_tsc = false;                      // CPUID invariant-TSC bit
  const char* reason = "not initialised";          // why this source was chosen (static string)
};

// Calibrates once and returns the result (later calls return the same object).
const ClockInfo& init_clock();

namespace detail {
inline std::atomic<bool> g_use_tsc{false};
inline std::atomic<double> g_ns_per_tick{1.0};

inline uint64_t steady_now_ns() noexcept {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}
}  // namespace detail

// Current timestamp in ticks. A few ns with the TSC; ~20 ns through the vDSO otherwise.
inline uint64_t now_ticks() noexcept {
#if defined(__x86_64__)
  if (detail::g_use_tsc.load(std::memory_order_relaxed)) [[likely]]
    return __rdtsc();
#endif
  return detail::steady_now_ns();
}

// Converts a tick difference to ns (rounded down). Exact to within the calibration error
// (typically < 0.1%) for differences below 2^53 ticks.
inline uint64_t ticks_to_ns(uint64_t ticks) noexcept {
  return static_cast<uint64_t>(static_cast<double>(ticks) *
                               detail::g_ns_per_tick.load(std::memory_order_relaxed));
}

}  // namespace contend::metrics
