#include "runner/map_stress.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "check/map_history_check.h"
#include "metrics/clock.h"
#include "record/history.h"
#include "runner/map_invariants.h"
#include "runner/map_op.h"

namespace contend {

namespace {

uint64_t steady_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Operations run in batches: the batch's ops are generated first, then executed back to back
// with ONE timestamp per op (an op's latency is the gap since the previous op's timestamp, so it
// includes about 5 ns of histogram bookkeeping but no generation or checking), then checked.
// Timing with two timestamps per op would cost a second rdtsc (~10 ns on this machine class),
// the largest part of contend's overhead over a raw loop.
constexpr int kBatch = 256;

struct Worker {
  const MapTargetInfo& target;
  const MapMixSpec& spec;
  AnyMap& map;
  ThreadStats& stats;
  ThreadInvariants& inv;
  uint32_t thread;
  HistoryRecorder* history;  // null: not recording
  Elements scratch;          // iteration contents, reserved up front

  void check(const Op& op, const OpResult& r) {
    check_op(inv, op, r, scratch, target.contract.iterate_exactly_once);
  }

  // Runs ops[0, n), then checks them in order. An iteration is checked at once (its scratch
  // is reused), after the ops before it, so the shadow it is checked against is current.
  void run_batch(const Op* ops, OpResult* results, int n) {
    int checked = 0;
    uint64_t prev = metrics::now_ticks();
    for (int i = 0; i < n; ++i) {
      results[i] = execute_op(map, ops[i], spec, scratch);
      const uint64_t now = metrics::now_ticks();
      const int kind = static_cast<int>(ops[i].kind);
      stats.latency[kind].record(now - prev);
      ++stats.ops[kind];
      if (history) record_op(*history, thread, ops[i], results[i], scratch, prev, now);
      prev = now;
      if (ops[i].kind == OpKind::kIterate) [[unlikely]] {
        for (; checked <= i; ++checked) check(ops[checked], results[checked]);
        prev = metrics::now_ticks();
      }
    }
    for (; checked < n; ++checked) check(ops[checked], results[checked]);
  }

  // `deadline_ns` is written by the main thread before its release store to `go` and read here
  // only after the acquire load that observes it, so the plain read is ordered.
  void run(std::atomic<uint32_t>& ready, const std::atomic<bool>& go, const uint64_t& deadline_ns) {
    OpStream stream(spec, thread);
    if (spec.weights[static_cast<int>(OpKind::kIterate)] > 0) scratch.reserve(max_elements(spec));
    Op ops[kBatch];
    OpResult results[kBatch];
    ready.fetch_add(1, std::memory_order_release);
    while (!go.load(std::memory_order_acquire)) {
    }
    const uint64_t budget = spec.ops_per_thread;
    uint64_t done = 0;
    for (;;) {
      const int n = budget == 0 ? kBatch : static_cast<int>(std::min<uint64_t>(kBatch, budget - done));
      if (n == 0) break;
      for (int i = 0; i < n; ++i) ops[i] = stream.next();
      run_batch(ops, results, n);
      done += static_cast<uint64_t>(n);
      stats.ops_done.store(done, std::memory_order_relaxed);
      if (budget == 0 && steady_ns() >= deadline_ns) break;
    }
  }
};

}  // namespace

namespace {

// Linearizability and iteration rules over the recorded prefix; findings go to the arena.
void check_history(const HistoryRecorder& rec, const MapTargetInfo& target, const StressCheckOptions& opts,
                   StressArena& arena) {
  const History h = rec.merge();
  check::MapCheckOptions co;
  co.budget_s = opts.checker_budget_s;
  co.iteration_allowed_under_writes = target.contract.iterate_under_writes;
  const auto report = check::check_map_history(h, co);
  arena.header.history_ops = report.ops_checked;
  arena.header.history_verdict = static_cast<uint32_t>(report.verdict);
  arena.header.history_truncated = report.truncated ? 1 : 0;
  for (const auto& v : report.violations) {
    const Key k = v.key;
    arena.violations.add(check::violation_kind_name(v.kind), -1, &k, v.detail);
  }
}

}  // namespace

void run_map_stress(const MapTargetInfo& target, const MapMixSpec& spec, StressArena& arena,
                    const StressCheckOptions& check) {
  auto map = target.make();
  std::unique_ptr<HistoryRecorder> history;
  if (check.history_ops > 0) {
    // Up to 16 iterations per thread, with elements for full iterations up to 2^18 visits.
    const std::size_t elements = std::min<std::size_t>(16 * max_elements(spec), std::size_t{1} << 18);
    history = std::make_unique<HistoryRecorder>(spec.threads, check.history_ops, 16, elements);
  }
  std::vector<ThreadInvariants> inv;
  inv.reserve(spec.threads);
  for (uint32_t t = 0; t < spec.threads; ++t) inv.emplace_back(spec, t, arena.violations);

  std::atomic<uint32_t> ready{0};
  std::atomic<bool> go{false};
  uint64_t deadline = 0;  // one instant for all workers (duration budget only)
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < spec.threads; ++t) {
    workers.emplace_back([&, t] {
      Worker w{target, spec, *map, *arena.thread(t), inv[t], t, history.get(), {}};
      w.run(ready, go, deadline);
    });
  }
  while (ready.load(std::memory_order_acquire) < spec.threads) std::this_thread::yield();
  const uint64_t start = steady_ns();
  deadline = start + static_cast<uint64_t>(spec.duration_s * 1e9);
  arena.header.run_start_ns.store(start, std::memory_order_relaxed);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kRunning), std::memory_order_release);
  go.store(true, std::memory_order_release);
  for (auto& w : workers) w.join();
  arena.header.run_end_ns.store(steady_ns(), std::memory_order_relaxed);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kChecking), std::memory_order_release);
  arena.header.final_size = check_quiescent(*map, spec, inv, arena.violations);
  if (history) check_history(*history, target, check, arena);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kDone), std::memory_order_release);
}

}  // namespace contend
