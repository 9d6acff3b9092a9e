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

// Operations run in batches of kBatch (progress and the deadline are updated per batch). Each op
// is generated right before it runs and checked right after it returns, never inside a timed
// interval. Generating the whole batch up front instead packed the container calls back to
// back, which raised contention on lock-based targets above what the same op stream produces
// when generated inline (as the raw loop in map_stress_bench.cpp does): std_mutex_map lost
// throughput to it. A timed op is bracketed by two timestamps, so its latency is exactly the
// container call. Every `latency_sample_every`-th op is timed (1: all), plus every op of the
// recorded history prefix: on this machine class one rdtsc costs ~10 ns, as much as a whole
// uncontended map operation, so timing every op would measure contend more than the container.
constexpr int kBatch = 256;

struct Worker {
  const MapTargetInfo& target;
  const MapMixSpec& spec;
  AnyMap& map;
  ThreadStats& stats;
  ThreadInvariants& inv;
  uint32_t thread;
  HistoryRecorder* history;  // null: not recording
  uint32_t sample_every;     // time every N-th op (>= 1)
  std::atomic<uint64_t>& history_clock;  // logical stamps of the history prefix
  Elements scratch;          // iteration contents, reserved up front
  uint64_t until_timed_ = 1;   // countdown to the next timed op
  bool recording_ = false;     // the history prefix is still being recorded

  // Runs the stream's next n ops in order. Each op is checked right after it returns, outside
  // any timed interval. Untimed ops take one switch that calls the container and feeds the result
  // straight to the invariants: on this hot path a second switch over the op kind (random, so
  // mispredicted) cost as much as the timing itself.
  void run_batch(OpStream& stream, int n) {
    for (int i = 0; i < n; ++i) {
      const Op op = stream.next();
      ++stats.ops[static_cast<int>(op.kind)];
      if (--until_timed_ == 0 || recording_) {
        until_timed_ = sample_every;
        timed_step(op);
        continue;
      }
      switch (op.kind) {
        case OpKind::kInsert: inv.after_insert(op.key, op.arg, map.insert(op.key, op.arg)); break;
        case OpKind::kErase: inv.after_erase(op.key, map.erase(op.key)); break;
        case OpKind::kFind: inv.after_find(op.key, map.find(op.key)); break;
        case OpKind::kAdd: inv.after_add(op.key, op.arg, map.add(op.key, op.arg)); break;
        case OpKind::kIterate:
        case OpKind::kSize: check_op(inv, op, execute_op(map, op, spec, scratch), scratch, exactly_once()); break;
      }
    }
  }

  // A timed op: two TSC reads right around the container call; while the history prefix is
  // being recorded, also its logical stamps.
  void timed_step(const Op& op) {
    // History stamps come from one shared counter, not the TSC: TSCs of different cores can be
    // skewed by more than a short operation takes (seen here: ~100 ticks between vCPUs), which
    // would invent real-time orders that never happened. A fetch_add before the call and after
    // the return orders every pair of recorded operations exactly.
    const uint64_t call = recording_ ? history_clock.fetch_add(1, std::memory_order_seq_cst) : 0;
    const uint64_t t0 = metrics::now_ticks();
    const OpResult r = execute_op(map, op, spec, scratch);
    const uint64_t t1 = metrics::now_ticks();
    stats.latency[static_cast<int>(op.kind)].record(t1 - t0);
    if (recording_) {
      const uint64_t ret = history_clock.fetch_add(1, std::memory_order_seq_cst);
      recording_ = record_op(*history, thread, op, r, scratch, call, ret);
    }
    check_op(inv, op, r, scratch, exactly_once());
  }

  bool exactly_once() const { return target.contract.iterate_exactly_once; }

  // `deadline_ns` is written by the main thread before its release store to `go` and read here
  // only after the acquire load that observes it, so the plain read is ordered.
  void run(std::atomic<uint32_t>& ready, const std::atomic<bool>& go, const uint64_t& deadline_ns) {
    OpStream stream(spec, thread);
    recording_ = history != nullptr;
    if (spec.weights[static_cast<int>(OpKind::kIterate)] > 0) scratch.reserve(max_elements(spec));
    ready.fetch_add(1, std::memory_order_release);
    while (!go.load(std::memory_order_acquire)) {
    }
    const uint64_t budget = spec.ops_per_thread;
    uint64_t done = 0;
    for (;;) {
      const int n = budget == 0 ? kBatch : static_cast<int>(std::min<uint64_t>(kBatch, budget - done));
      if (n == 0) break;
      run_batch(stream, n);
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

  std::atomic<uint64_t> history_clock{1};
  std::atomic<uint32_t> ready{0};
  std::atomic<bool> go{false};
  uint64_t deadline = 0;  // one instant for all workers (duration budget only)
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < spec.threads; ++t) {
    workers.emplace_back([&, t] {
      Worker w{target, spec, *map, *arena.thread(t), inv[t], t, history.get(),
               std::max<uint32_t>(1, check.latency_sample_every), history_clock, {}};
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
