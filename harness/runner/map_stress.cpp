#include "runner/map_stress.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "metrics/clock.h"
#include "runner/map_invariants.h"

namespace contend {

namespace {

uint64_t steady_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

struct Worker {
  const MapTargetInfo& target;
  const MapMixSpec& spec;
  AnyMap& map;
  ThreadStats& stats;
  ThreadInvariants& inv;
  uint32_t thread;

  // Executes one op and feeds its result to the invariants. The timed region is exactly the
  // container call; generation and checking stay outside it.
  void execute(const Op& op, std::vector<std::pair<Key, Value>>& scratch) {
    uint64_t t0 = 0, t1 = 0;
    switch (op.kind) {
      case OpKind::kInsert: {
        t0 = metrics::now_ticks();
        const bool r = map.insert(op.key, op.arg);
        t1 = metrics::now_ticks();
        inv.after_insert(op.key, op.arg, r);
        break;
      }
      case OpKind::kErase: {
        t0 = metrics::now_ticks();
        const bool r = map.erase(op.key);
        t1 = metrics::now_ticks();
        inv.after_erase(op.key, r);
        break;
      }
      case OpKind::kFind: {
        t0 = metrics::now_ticks();
        const auto r = map.find(op.key);
        t1 = metrics::now_ticks();
        inv.after_find(op.key, r);
        break;
      }
      case OpKind::kAdd: {
        t0 = metrics::now_ticks();
        const Value r = map.add(op.key, op.arg);
        t1 = metrics::now_ticks();
        inv.after_add(op.key, op.arg, r);
        break;
      }
      case OpKind::kIterate: {
        scratch.clear();
        t0 = metrics::now_ticks();
        map.for_each([&](Key k, Value v) { scratch.emplace_back(k, v); });
        t1 = metrics::now_ticks();
        inv.after_iterate(scratch, target.contract.iterate_exactly_once);
        break;
      }
      case OpKind::kSize: {
        t0 = metrics::now_ticks();
        const std::size_t n = map.size();
        t1 = metrics::now_ticks();
        (void)n;  // exact only when quiescent; checked after the run
        break;
      }
    }
    const int kind = static_cast<int>(op.kind);
    stats.latency[kind].record(t1 - t0);
    ++stats.ops[kind];
  }

  // `deadline_ns` is written by the main thread before its release store to `go` and read here
  // only after the acquire load that observes it, so the plain read is ordered.
  void run(std::atomic<uint32_t>& ready, const std::atomic<bool>& go, const uint64_t& deadline_ns) {
    OpStream stream(spec, thread);
    std::vector<std::pair<Key, Value>> scratch;
    scratch.reserve(spec.key_space + spec.counter_keys + static_cast<std::size_t>(spec.private_keys) * spec.threads);
    ready.fetch_add(1, std::memory_order_release);
    while (!go.load(std::memory_order_acquire)) {
    }
    const uint64_t budget = spec.ops_per_thread;
    uint64_t done = 0;
    for (;;) {
      execute(stream.next(), scratch);
      ++done;
      if ((done & 1023) == 0) {
        stats.ops_done.store(done, std::memory_order_relaxed);
        if (budget == 0 && steady_ns() >= deadline_ns) break;
      }
      if (budget != 0 && done >= budget) break;
    }
    stats.ops_done.store(done, std::memory_order_relaxed);
  }
};

}  // namespace

void run_map_stress(const MapTargetInfo& target, const MapMixSpec& spec, StressArena& arena) {
  auto map = target.make();
  std::vector<ThreadInvariants> inv;
  inv.reserve(spec.threads);
  for (uint32_t t = 0; t < spec.threads; ++t) inv.emplace_back(spec, t, arena.violations);

  std::atomic<uint32_t> ready{0};
  std::atomic<bool> go{false};
  uint64_t deadline = 0;  // one instant for all workers (duration budget only)
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < spec.threads; ++t) {
    workers.emplace_back([&, t] {
      Worker w{target, spec, *map, *arena.thread(t), inv[t], t};
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
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kDone), std::memory_order_release);
}

}  // namespace contend
