// RssSampleBuffer decimation and the summary statistics.
#include "metrics/rss_sample_buffer.h"

#include <algorithm>
#include <cstring>

namespace contend::metrics {

void RssSampleBuffer::reset(uint64_t interval) noexcept {
  *this = RssSampleBuffer();
  interval_ns = interval;
}

void RssSampleBuffer::push(const RssSample& s) noexcept {
  if (size == kCapacity) {
    // Keep samples 0, 2, 4, ... and, in the last kept slot, the most recent sample. The copy
    // runs forward with j <= 2j, so it is safe in place.
    constexpr uint32_t kHalf = kCapacity / 2;
    for (uint32_t j = 1; j + 1 < kHalf; ++j) samples[j] = samples[2 * j];
    samples[kHalf - 1] = samples[kCapacity - 1];
    size = kHalf;
    interval_ns *= 2;
    ++decimations;
  }
  samples[size++] = s;
}

void RssSampleBuffer::note_error(const char* message) noexcept {
  if (read_errors++ == 0) {
    std::strncpy(first_error, message, sizeof first_error - 1);
    first_error[sizeof first_error - 1] = '\0';
  }
}

uint32_t RssSampleBuffer::ordered_size() const noexcept {
  const uint32_t n = std::min(size, kCapacity);
  for (uint32_t i = 1; i < n; ++i)
    if (samples[i].t_ns < samples[i - 1].t_ns) return i;
  return n;
}

double least_squares_slope(const RssSample* samples, size_t n,
                           uint64_t RssSample::*field) noexcept {
  if (n < 2) return 0.0;
  // Centre both axes first: bytes (~1e9) times seconds squared stays well inside double range
  // and the subtraction of large means does not cancel.
  double mt = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mt += static_cast<double>(samples[i].t_ns) * 1e-9;
    my += static_cast<double>(samples[i].*field);
  }
  mt /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n; ++i) {
    const double dt = static_cast<double>(samples[i].t_ns) * 1e-9 - mt;
    sxy += dt * (static_cast<double>(samples[i].*field) - my);
    sxx += dt * dt;
  }
  return sxx > 0 ? sxy / sxx : 0.0;
}

RssSummary summarize(const RssSampleBuffer& b) noexcept {
  RssSummary s;
  const uint32_t n = b.ordered_size();
  s.decimations = b.decimations;
  s.read_errors = b.read_errors;
  if (n == 0) return s;
  const RssSample& first = b.samples[0];
  const RssSample& last = b.samples[n - 1];
  s.samples = n;
  s.duration_s = static_cast<double>(last.t_ns) * 1e-9;
  s.start_bytes = first.rss_bytes;
  s.end_bytes = last.rss_bytes;
  s.peak_bytes = b.peak_hwm_bytes;
  for (uint32_t i = 0; i < n; ++i) s.peak_bytes = std::max(s.peak_bytes, b.samples[i].rss_bytes);
  s.slope_bytes_per_s = least_squares_slope(b.samples, n, &RssSample::rss_bytes);
  s.anon_end_bytes = last.anon_bytes;
  s.anon_slope_bytes_per_s = least_squares_slope(b.samples, n, &RssSample::anon_bytes);
  s.alloc_start_bytes = first.alloc_in_use_bytes;
  s.alloc_end_bytes = last.alloc_in_use_bytes;
  s.alloc_slope_bytes_per_s = least_squares_slope(b.samples, n, &RssSample::alloc_in_use_bytes);
  return s;
}

}  // namespace contend::metrics
