// RssSampler: a background thread that appends {t, RSS, anonymous, allocator in-use} to an
// RssSampleBuffer every interval (default 50 ms) and feeds an optional RssWatchdog.
//
// Lifecycle: start() initialises the buffer, takes the first sample on the calling thread (so a
// broken /proc is reported as a Status, not discovered later) and starts the thread; stop() wakes
// the thread, joins it, then takes the final sample on the calling thread. stop() is idempotent
// and the destructor calls it. start()/stop() must be called from one controlling thread.
// The buffer and watchdog are borrowed (they may live in shared memory) and must outlive the
// sampler. Read the buffer only after stop() (or after the sampling process exited); the
// watchdog may be polled at any time (it is atomic).
// Memory: sizeof(RssSampler) == 136 bytes plus one thread (default stack); samples live in the
// caller's RssSampleBuffer (131,328 bytes). Sampling allocates nothing on the heap.
// Later read errors do not stop sampling: they are counted in the buffer (read_errors,
// first_error).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "metrics/rss_sample_buffer.h"
#include "metrics/rss_watchdog.h"
#include "util/error.h"

namespace contend::metrics {

struct RssSamplerOptions {
  uint64_t interval_ms = 50;       // initial sampling interval; doubles at each decimation
  RssWatchdog* watchdog = nullptr; // optional: checked with every sample's RSS
};

class RssSampler {
 public:
  RssSampler(RssSampleBuffer& buffer, RssSamplerOptions options = {}) noexcept;
  ~RssSampler();
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  // Resets the buffer, takes the first sample and starts the thread. Error if the first sample
  // cannot be read (nothing is started then) or the sampler is already running.
  [[nodiscard]] Status start();
  // Stops and joins the thread, then takes the final sample. No-op if not running.
  void stop();
  bool running() const noexcept { return thread_.joinable(); }

 private:
  void take_sample() noexcept;  // called only by the one thread that currently owns the buffer
  void run();

  RssSampleBuffer& buffer_;
  RssSamplerOptions options_;
  uint64_t start_ns_ = 0;  // steady_clock at start()
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_requested_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace contend::metrics
