// RssSampleBuffer: a fixed-capacity time series of memory samples, plus its summary.
//
// Bounded memory for any run length: when the buffer is full, push() keeps every other sample
// (always keeping the first and the most recent), doubles interval_ns, and counts a decimation, so
// a run of any length is covered end to end by 2048..4096 samples at a uniform-ish spacing.
//
// Memory: sizeof(RssSampleBuffer) == 131,328 bytes (4,096 x 32-byte samples + 256-byte header),
// fixed. Standard-layout, trivially copyable, no pointers: construct it in place in a
// MAP_SHARED|MAP_ANONYMOUS region before fork (`new (p) RssSampleBuffer()`); RssSampler::start()
// initialises it. Thread-safety: one writer (the sampler); read only once it has stopped (after
// RssSampler::stop(), or after the child process exited). A child killed during a decimation
// (a few us every >= 204 s) can leave out-of-order samples; summarize() uses the leading
// time-ordered prefix only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace contend::metrics {

struct RssSample {
  uint64_t t_ns = 0;                // time since the sampler started
  uint64_t rss_bytes = 0;           // resident set size
  uint64_t anon_bytes = 0;          // resident anonymous bytes
  uint64_t alloc_in_use_bytes = 0;  // allocator in-use bytes (mallinfo2 or sanitizer)
};

struct RssSampleBuffer {
  static constexpr uint32_t kCapacity = 4096;

  uint64_t interval_ns = 0;     // current sampling interval (doubles at each decimation)
  uint64_t peak_hwm_bytes = 0;  // VmHWM / ru_maxrss at the latest sample (catches peaks between)
  uint32_t size = 0;            // valid samples in samples[0, size)
  uint32_t decimations = 0;     // times the buffer was halved
  uint32_t read_errors = 0;     // samples that could not be taken
  uint32_t reserved = 0;
  char first_error[224] = {};   // NUL-terminated message of the first read error, if any
  RssSample samples[kCapacity] = {};

  // Empties the buffer and sets the interval.
  void reset(uint64_t interval) noexcept;
  // Appends a sample, decimating first when full. Samples must come in time order.
  void push(const RssSample& s) noexcept;
  // Records a read error (counts it; keeps the first message, truncated).
  void note_error(const char* message) noexcept;
  // Length of the leading run of samples with non-decreasing t_ns (== size unless torn).
  uint32_t ordered_size() const noexcept;
};

static_assert(std::is_standard_layout_v<RssSampleBuffer>);
static_assert(std::is_trivially_copyable_v<RssSampleBuffer>);
static_assert(sizeof(RssSampleBuffer) == 256 + 32 * RssSampleBuffer::kCapacity);

// Least-squares slope of `field` against t_ns over samples[0, n), in bytes per second. 0 when
// n < 2 or all samples share one time.
double least_squares_slope(const RssSample* samples, size_t n,
                           uint64_t RssSample::*field) noexcept;

struct RssSummary {
  uint64_t samples = 0;               // samples used
  double duration_s = 0;              // t of the last sample
  uint64_t start_bytes = 0;           // RSS of the first sample
  uint64_t peak_bytes = 0;            // max(sampled RSS, peak_hwm_bytes)
  uint64_t end_bytes = 0;             // RSS of the last sample
  double slope_bytes_per_s = 0;       // least-squares RSS growth
  uint64_t anon_end_bytes = 0;        // anonymous bytes at the last sample
  double anon_slope_bytes_per_s = 0;  // least-squares anonymous growth
  uint64_t alloc_start_bytes = 0;     // allocator in-use at the first sample
  uint64_t alloc_end_bytes = 0;       // allocator in-use at the last sample
  double alloc_slope_bytes_per_s = 0; // in-use growth: a leak/retention if > 0 while RSS grows
  uint32_t decimations = 0;
  uint32_t read_errors = 0;
};

// Summary over the time-ordered prefix of `b`. All zeros for an empty buffer.
RssSummary summarize(const RssSampleBuffer& b) noexcept;

}  // namespace contend::metrics
