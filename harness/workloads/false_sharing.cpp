// false-sharing: a performance invariant (failure-modes.md section 7). Each thread increments its
// own counter (relaxed fetch_add: no ordering needed, each counter has one writer); in the
// `packed` layout the counters share one 64-byte cache line, in `padded` each has its own line.
// The cache line then ping-pongs between cores in `packed` only. Figures: throughput of each
// layout and the slowdown packed/padded. Target-independent (runs once, target "cache-line").
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "runner/workload.h"
#include "workloads/workload_common.h"

namespace contend::workloads {
namespace {

struct Packed {
  std::atomic<uint64_t> c[8];
  std::atomic<uint64_t>& at(uint32_t i) { return c[i % 8]; }
};
struct Padded {
  struct alignas(64) Line {
    std::atomic<uint64_t> v;
  };
  Line c[64];
  std::atomic<uint64_t>& at(uint32_t i) { return c[i % 64].v; }
};

template <class Layout>
double run_layout(uint32_t threads, uint64_t per_thread) {
  auto layout = std::make_unique<Layout>();
  std::atomic<uint32_t> ready{0};
  std::vector<std::thread> ts;
  const auto t0 = std::chrono::steady_clock::now();
  for (uint32_t t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < threads) {
      }
      auto& c = layout->at(t);
      for (uint64_t i = 0; i < per_thread; ++i) c.fetch_add(1, std::memory_order_relaxed);
    });
  }
  for (auto& t : ts) t.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return static_cast<double>(per_thread) * threads / s;
}

Result<RunResult> run_false_sharing(const WorkloadRequest& req) {
  ParamReader p(req.preset, req.preset_name);
  uint32_t threads = static_cast<uint32_t>(p.u64("threads", 2));
  uint64_t per_thread = p.u64("increments_per_thread", 20'000'000);
  if (p.error()) return *p.error();
  if (req.threads) threads = req.threads;
  if (req.ops) per_thread = req.ops;
  if (threads < 2 || threads > 8) return usage_error("false-sharing: threads must be in [2, 8] (8 counters per line)");
  RunResult r = start_result(req, "false-sharing", threads);
  r.params = {{"preset", req.preset_name}, {"threads", threads}, {"increments_per_thread", per_thread}};
  const auto t0 = std::chrono::steady_clock::now();
  const double padded = run_layout<Padded>(threads, per_thread);
  const double packed = run_layout<Packed>(threads, per_thread);
  r.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.total_ops = 2 * per_thread * threads;
  r.throughput_ops_s = static_cast<double>(r.total_ops) / r.duration_s;
  r.workload_metrics = {{"packed_ops_s", packed}, {"padded_ops_s", padded}, {"slowdown", padded / packed}};
  char line[160];
  std::snprintf(line, sizeof line, "false sharing: packed %.1f Mops/s, padded %.1f Mops/s: packed is %.2fx slower",
                packed / 1e6, padded / 1e6, padded / packed);
  add_summary(r, line);
  if (std::thread::hardware_concurrency() < threads) r.notes.push_back("fewer cores than threads: contention understated");
  return r;
}

}  // namespace

CONTEND_REGISTER_WORKLOAD("false-sharing", "per-thread counters on one cache line vs padded: throughput difference",
                          TargetKind::kMap, run_false_sharing);

}  // namespace contend::workloads
