// StressArena: everything a stress run measures, in one MAP_SHARED anonymous mapping created by
// the parent before fork. The child writes into it while it runs; the parent reads it after
// waitpid (which orders every child write before the parent's reads), so a crash, timeout or
// kill loses nothing already measured. All members are fixed-size and pointer-free; memory is
// O(threads), independent of run length (about 112 KiB per thread plus 160 KiB).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "gen/op.h"
#include "metrics/latency_histogram.h"
#include "metrics/rss_sample_buffer.h"
#include "metrics/rss_watchdog.h"
#include "runner/violation_log.h"

namespace contend {

enum class RunPhase : uint32_t { kStarting = 0, kRunning, kChecking, kDone };

// Per worker thread. Histograms hold raw clock ticks (converted with ns_per_tick at report
// time: the conversion is linear, so percentiles convert exactly). Only the owning thread
// writes, except ops_done which the parent reads for progress (relaxed: a progress estimate).
struct alignas(64) ThreadStats {
  std::atomic<uint64_t> ops_done;
  uint64_t ops[kOpKinds];
  metrics::LatencyHistogram latency[kOpKinds];
};

struct StressArenaHeader {
  std::atomic<uint32_t> phase;       // RunPhase, release-stored by the child
  uint32_t threads;
  std::atomic<uint64_t> run_start_ns;  // steady_clock when the start barrier released
  std::atomic<uint64_t> run_end_ns;    // steady_clock when the last worker finished
  double ns_per_tick;
  uint64_t final_size;                 // map size() after the run
  uint64_t history_ops;                // operations checked for linearizability
  uint32_t history_verdict;            // check::Verdict of the recorded prefix
  uint32_t history_truncated;          // the recorded prefix was cut
};

class StressArena {
 public:
  // Maps and zero-initializes an arena for `threads` workers. Aborts (CONTEND_CHECK) if the
  // kernel refuses the mapping: nothing useful can run without it.
  static StressArena* create(uint32_t threads);
  static void destroy(StressArena* a);
  static std::size_t bytes_for(uint32_t threads);

  StressArenaHeader header;
  ViolationLog violations;
  metrics::RssSampleBuffer rss;
  metrics::RssWatchdog watchdog;  // tripped by the child's sampler, polled by the parent
  ThreadStats* thread(uint32_t i);
  const ThreadStats* thread(uint32_t i) const;
};

}  // namespace contend
