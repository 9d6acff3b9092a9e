// Clock calibration: decides between rdtsc and steady_clock once, and measures the TSC rate.
#include "metrics/clock.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace contend::metrics {
namespace {

#if defined(__x86_64__)
bool cpu_has_invariant_tsc() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) == 0 || eax < 0x80000007u) return false;
  if (__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx) == 0) return false;
  return (edx & (1u << 8)) != 0;
}

// One (tsc, steady ns) pair taken as tightly as possible: steady_clock bracketed by two rdtsc,
// keeping the tightest bracket of a few tries, its tsc midpoint paired with the steady reading.
struct Pair {
  double tsc;
  double ns;
};
Pair sample_pair() {
  Pair best{0, 0};
  uint64_t best_width = ~uint64_t{0};
  for (int i = 0; i < 16; ++i) {
    const uint64_t a = __rdtsc();
    const uint64_t ns = detail::steady_now_ns();
    const uint64_t b = __rdtsc();
    if (b - a < best_width) {
      best_width = b - a;
      best = {static_cast<double>(a) + static_cast<double>(b - a) / 2.0, static_cast<double>(ns)};
    }
  }
  return best;
}
#endif

ClockInfo calibrate() {
  ClockInfo info;
  const char* env = std::getenv("CONTEND_CLOCK");
  if (env != nullptr && std::strcmp(env, "steady") == 0) {
    info.reason = "CONTEND_CLOCK=steady";
    return info;
  }
#if defined(__x86_64__)
  info.invariant_tsc = cpu_has_invariant_tsc();
  if (!info.invariant_tsc) {
    info.reason = "CPUID reports no invariant TSC";
    return info;
  }
  // 15 ms: the bracket error (~tens of ns at each end) is < 1e-5 of the interval.
  const Pair p0 = sample_pair();
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  const Pair p1 = sample_pair();
  const double dns = p1.ns - p0.ns;
  const double dtsc = p1.tsc - p0.tsc;
  if (!(dns > 1e6) || !(dtsc > 0)) {
    info.reason = "TSC calibration failed (clock did not advance)";
    return info;
  }
  info.tsc_ghz = dtsc / dns;
  if (info.tsc_ghz < 0.1 || info.tsc_ghz > 20.0) {
    info.reason = "TSC calibration gave an implausible rate";
    return info;
  }
  info.source = ClockSource::kTsc;
  info.ns_per_tick = dns / dtsc;
  info.reason = "invariant TSC";
#else
  info.reason = "not x86_64";
#endif
  return info;
}

}  // namespace

const ClockInfo& init_clock() {
  static ClockInfo info;
  static std::once_flag once;
  std::call_once(once, [] {
    info = calibrate();
    detail::g_ns_per_tick.store(info.ns_per_tick, std::memory_order_relaxed);
    // Release: a thread that observes use_tsc == true with acquire also sees the factor.
    detail::g_use_tsc.store(info.source == ClockSource::kTsc, std::memory_order_release);
  });
  return info;
}

}  // namespace contend::metrics
