// RssSampler: the sampling thread.
#include "metrics/rss_sampler.h"

#include <algorithm>
#include <chrono>

#include "metrics/clock.h"
#include "metrics/rss_linux.h"

namespace contend::metrics {

RssSampler::RssSampler(RssSampleBuffer& buffer, RssSamplerOptions options) noexcept
    : buffer_(buffer), options_(options) {}

RssSampler::~RssSampler() { stop(); }

void RssSampler::take_sample() noexcept {
  Result<MemoryUsage> mem = read_memory_usage();
  if (!mem) {
    buffer_.note_error(mem.error().message.c_str());
    return;
  }
  RssSample s;
  s.t_ns = detail::steady_now_ns() - start_ns_;
  s.rss_bytes = mem->rss_bytes;
  s.anon_bytes = mem->anon_bytes;
  s.alloc_in_use_bytes = read_allocator_usage().in_use_bytes;
  buffer_.push(s);
  if (Result<uint64_t> hwm = read_peak_rss_bytes())
    buffer_.peak_hwm_bytes = std::max(buffer_.peak_hwm_bytes, *hwm);
  if (options_.watchdog != nullptr) options_.watchdog->check(s.rss_bytes, s.t_ns);
}

Status RssSampler::start() {
  if (running()) return input_error("RssSampler::start: already running");
  if (options_.interval_ms == 0) return input_error("RssSampler: interval_ms must be > 0");
  buffer_.reset(options_.interval_ms * 1'000'000);
  start_ns_ = detail::steady_now_ns();
  Result<MemoryUsage> probe = read_memory_usage();
  if (!probe) return probe.error();
  take_sample();
  stop_requested_ = false;
  // The buffer is handed to the thread here (thread creation orders our writes before its
  // reads) and handed back by join() in stop().
  thread_ = std::thread([this] { run(); });
  return Ok{};
}

void RssSampler::run() {
  using Clock = std::chrono::steady_clock;
  Clock::time_point next = Clock::now();
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    // The interval is re-read each round: decimation doubles it.
    next += std::chrono::nanoseconds(buffer_.interval_ns);
    // A slow sample (smaps_rollup walks every mapping) must not cause a burst of catch-up samples.
    next = std::max(next, Clock::now());
    if (cv_.wait_until(lock, next, [this] { return stop_requested_; })) return;
    lock.unlock();
    take_sample();
    lock.lock();
  }
}

void RssSampler::stop() {
  if (!running()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_requested_ = true;
  }
  cv_.notify_one();
  thread_.join();
  take_sample();
}

}  // namespace contend::metrics
