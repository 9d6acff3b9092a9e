#include "workloads/pool_churn.h"

#include <barrier>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "metrics/clock.h"
#include "metrics/rss_sampler.h"
#include "util/rng.h"
#include "workloads/pool_checker.h"
#include "workloads/shared_block.h"
#include "workloads/workload_common.h"

namespace contend::workloads {

namespace {

constexpr uint32_t kMaxThreads = 64;
constexpr std::size_t kMailboxCap = 256;

// Written by the child (each worker its own slot; the end fields by the coordinator after the
// join), read by the parent after waitpid.
struct PoolChurnFigures {
  struct alignas(64) PerThread {
    uint64_t acquires, releases, cross_releases, bursts;
    metrics::LatencyHistogram acquire, release;  // ticks
  };
  PerThread t[kMaxThreads];
  PoolStats end;                 // pool stats after the run (quiescent)
  uint64_t new_objects;          // new_object() calls during the run
  uint64_t poison_violations;    // reset_object() poison mismatches during the run
  uint32_t done;
};

uint64_t steady_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

struct Held {
  PoolObject* obj;
  uint64_t tag;
};

// Objects handed to a worker for release; `count` lets the owner skip the lock when empty
// (relaxed: a stale zero only delays the drain to the next iteration).
struct Mailbox {
  std::mutex mu;
  std::vector<Held> items;
  std::atomic<std::size_t> count{0};
};

void child_body(const PoolTargetInfo& info, const PoolChurnSpec& s, StressArena& arena, PoolChurnFigures& fig,
                uint64_t rss_interval_ms) {
  metrics::RssSampler sampler(arena.rss, {.interval_ms = rss_interval_ms, .watchdog = &arena.watchdog});
  if (auto st = sampler.start(); !st.ok()) arena.violations.add("rss-unavailable", -1, nullptr, st.error().message);
  const uint64_t new0 = pool_counters().new_objects.load(std::memory_order_relaxed);
  const uint64_t poison0 = pool_counters().poison_violations.load(std::memory_order_relaxed);
  std::unique_ptr<AnyPool> pool = info.make(s.object_size);
  std::vector<Mailbox> boxes(s.threads);
  std::barrier sync(static_cast<std::ptrdiff_t>(s.threads));
  const uint64_t deadline_ns = s.duration_s > 0 ? static_cast<uint64_t>(s.duration_s * 1e9) : 0;
  std::atomic<uint64_t> start{0};
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kRunning), std::memory_order_release);

  auto worker = [&](uint32_t t) {
    auto& me = fig.t[t];
    ThreadStats& ts = *arena.thread(t);
    Rng rng(derive_seed(s.seed, t));
    std::deque<Held> held;
    uint64_t seq = 0;
    auto acquire = [&]() -> bool {
      const uint64_t tag = owner_tag(t, ++seq);
      const uint64_t a = metrics::now_ticks();
      PoolObject* o = checked_acquire(*pool, tag, t, arena.violations);
      me.acquire.record(metrics::now_ticks() - a);
      ++me.acquires;
      ts.ops_done.fetch_add(1, std::memory_order_relaxed);
      if (!o) return false;  // held by someone else: not ours to use or release
      held.push_back({o, tag});
      return true;
    };
    auto release = [&](Held h, uint32_t by) {
      const uint64_t a = metrics::now_ticks();
      checked_release(*pool, h.obj, h.tag, by, arena.violations);
      me.release.record(metrics::now_ticks() - a);
      ++me.releases;
    };
    auto release_oldest = [&] {
      Held h = held.front();
      held.pop_front();
      if (s.threads > 1 && rng.unit() < s.cross_thread_fraction) {
        Mailbox& box = boxes[(t + 1) % s.threads];
        std::lock_guard g(box.mu);
        if (box.items.size() < kMailboxCap) {
          box.items.push_back(h);
          box.count.store(box.items.size(), std::memory_order_relaxed);
          return;
        }
      }
      release(h, t);
    };
    auto drain = [&] {
      Mailbox& box = boxes[t];
      if (box.count.load(std::memory_order_relaxed) == 0) return;
      std::vector<Held> got;
      {
        std::lock_guard g(box.mu);
        got.swap(box.items);
        box.count.store(0, std::memory_order_relaxed);
      }
      for (const Held& h : got) {
        release(h, t);
        ++me.cross_releases;
      }
    };

    sync.arrive_and_wait();
    uint64_t expected = 0;
    start.compare_exchange_strong(expected, steady_ns(), std::memory_order_relaxed);
    const uint64_t t0 = start.load(std::memory_order_relaxed);
    for (uint64_t i = 0;; ++i) {
      if (s.ops_per_thread ? i >= s.ops_per_thread : ((i & 255) == 0 && steady_ns() - t0 >= deadline_ns)) break;
      drain();
      if (s.burst_every && i % s.burst_every == s.burst_every - 1) {
        ++me.bursts;
        const std::size_t before = held.size();
        for (uint32_t b = 0; b < s.burst_size; ++b) acquire();
        while (held.size() > before) {
          Held h = held.back();
          held.pop_back();
          release(h, t);
        }
        continue;
      }
      acquire();
      while (held.size() > s.hold_objects) release_oldest();
      if (s.hold_objects <= 1 && !held.empty()) release_oldest();  // short-lived: use and return
    }
    while (!held.empty()) release_oldest();
    sync.arrive_and_wait();  // no more hand-offs after this point
    drain();
  };
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < s.threads; ++t) threads.emplace_back(worker, t);
  for (auto& th : threads) th.join();
  arena.header.run_start_ns.store(start.load(), std::memory_order_relaxed);
  arena.header.run_end_ns.store(steady_ns(), std::memory_order_relaxed);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kChecking), std::memory_order_release);
  fig.end = pool->stats();
  fig.new_objects = pool_counters().new_objects.load(std::memory_order_relaxed) - new0;
  fig.poison_violations = pool_counters().poison_violations.load(std::memory_order_relaxed) - poison0;
  if (fig.poison_violations > 0) {
    arena.violations.add("use-after-release", -1, nullptr,
                         std::to_string(fig.poison_violations) +
                             " released object(s) were written after release (poison changed before reuse)");
  }
  check_retention(fig.end, max_held(s), arena.violations);
  fig.done = 1;
  sampler.stop();
  // After a double hand-out the pool's list may hold an object twice: leave it to process exit.
  if (arena.violations.total() == 0) pool.reset();
  else (void)pool.release();
}

}  // namespace

uint64_t max_held(const PoolChurnSpec& s) {
  return uint64_t{s.threads} * (std::max<uint32_t>(1, s.hold_objects) + s.burst_size + kMailboxCap);
}

Result<PoolChurnSpec> pool_churn_spec(const WorkloadRequest& req) {
  ParamReader p(req.preset, req.preset_name);
  PoolChurnSpec s;
  s.preset = req.preset_name;
  s.threads = static_cast<uint32_t>(p.u64("threads", s.threads));
  s.ops_per_thread = p.u64("ops_per_thread", s.ops_per_thread);
  s.duration_s = p.number("duration_s", s.duration_s, 0, 1e6);
  s.object_size = static_cast<uint32_t>(p.u64("object_size", s.object_size));
  s.hold_objects = static_cast<uint32_t>(p.u64("hold_objects", s.hold_objects));
  s.cross_thread_fraction = p.number("cross_thread_fraction", s.cross_thread_fraction, 0, 1);
  s.burst_every = static_cast<uint32_t>(p.u64("burst_every", s.burst_every));
  s.burst_size = static_cast<uint32_t>(p.u64("burst_size", s.burst_size));
  if (p.error()) return *p.error();
  if (req.threads) s.threads = req.threads;
  if (req.duration_s > 0) {
    s.duration_s = req.duration_s;
    s.ops_per_thread = 0;
  }
  if (req.ops) {
    s.ops_per_thread = req.ops;
    s.duration_s = 0;
  }
  s.seed = req.seed;
  if (s.threads == 0 || s.threads > kMaxThreads) return usage_error("pool-churn: threads must be in [1, 64]");
  if (s.object_size < 8 || s.object_size > (64u << 20)) return usage_error("pool-churn: object_size must be in [8, 64 MiB]");
  if (s.ops_per_thread == 0 && s.duration_s <= 0) return usage_error("pool-churn: set ops_per_thread or duration_s");
  return s;
}

nlohmann::json to_json(const PoolChurnSpec& s) {
  return {{"preset", s.preset},
          {"threads", s.threads},
          {"ops_per_thread", s.ops_per_thread},
          {"duration_s", s.duration_s},
          {"object_size", s.object_size},
          {"hold_objects", s.hold_objects},
          {"cross_thread_fraction", s.cross_thread_fraction},
          {"burst_every", s.burst_every},
          {"burst_size", s.burst_size},
          {"seed", s.seed}};
}

RunResult run_pool_churn(const PoolTargetInfo& info, const PoolChurnSpec& s, const StressOptions& opts,
                         const WorkloadRequest& req) {
  metrics::init_clock();
  StressArena* arena = StressArena::create(s.threads);
  arena->watchdog.set_limit_mb(opts.rss_limit_mb);
  SharedBlock<PoolChurnFigures> fig;
  IsolationOptions iso = opts.isolation;
  iso.expected_ops = s.ops_per_thread * s.threads;
  iso.duration_s = s.duration_s;
  const ChildStatus status =
      run_isolated([&] { child_body(info, s, *arena, *fig, opts.rss_interval_ms); }, *arena, iso);

  RunResult r = start_result(req, "pool-churn", s.threads);
  r.target = info.name;
  r.params = to_json(s);
  const double ns_per_tick = metrics::init_clock().ns_per_tick;
  metrics::LatencyHistogram acq, rel;
  uint64_t acquires = 0, releases = 0, cross = 0;
  for (uint32_t t = 0; t < s.threads; ++t) {
    acq.merge(fig->t[t].acquire);
    rel.merge(fig->t[t].release);
    acquires += fig->t[t].acquires;
    releases += fig->t[t].releases;
    cross += fig->t[t].cross_releases;
  }
  if (acq.count()) r.latency_ns["acquire"] = summarize(acq, ns_per_tick);
  if (rel.count()) r.latency_ns["release"] = summarize(rel, ns_per_tick);
  r.total_ops = acquires + releases;
  const uint64_t a = arena->header.run_start_ns.load(), b = arena->header.run_end_ns.load();
  r.duration_s = b > a ? static_cast<double>(b - a) / 1e9 : 0;
  r.throughput_ops_s = r.duration_s > 0 ? static_cast<double>(r.total_ops) / r.duration_s : 0;
  r.rss = rss_result(arena->rss);
  r.violations = arena->violations.snapshot();
  r.violations_total = arena->violations.total();
  StressArena::destroy(arena);

  auto& wm = r.workload_metrics;
  wm["acquires"] = acquires;
  wm["releases"] = releases;
  wm["cross_thread_releases"] = cross;
  if (fig->done) {
    const auto& e = fig->end;
    const double hit = acquires ? static_cast<double>(e.reused) / static_cast<double>(acquires) : 0;
    const double alloc_per_op = acquires ? static_cast<double>(fig->new_objects) / static_cast<double>(acquires) : 0;
    wm["hit_rate"] = hit;
    wm["allocations_per_acquire"] = alloc_per_op;
    wm["objects_created"] = e.created;
    wm["objects_reused"] = e.reused;
    wm["objects_retained"] = e.retained;
    wm["objects_freed"] = e.freed;
    wm["retained_bytes"] = e.retained * (s.object_size + sizeof(PoolObject));
    wm["retention_bound"] = retention_bound(max_held(s));
    wm["use_after_release"] = fig->poison_violations;
    char line[256];
    std::snprintf(line, sizeof line,
                  "pool: hit rate %.1f%%, %.4f allocations/acquire, %llu created, %llu retained (%s), "
                  "%llu cross-thread releases",
                  100 * hit, alloc_per_op, static_cast<unsigned long long>(e.created),
                  static_cast<unsigned long long>(e.retained),
                  format_mib(double(e.retained * (s.object_size + sizeof(PoolObject)))).c_str(),
                  static_cast<unsigned long long>(cross));
    add_summary(r, line);
  }
  for (const auto& [name, l] : r.latency_ns) {
    char line[160];
    std::snprintf(line, sizeof line, "%-8s %10llu ops  p50 %llu ns  p99 %llu ns  p99.9 %llu ns  max %llu ns",
                  name.c_str(), static_cast<unsigned long long>(l.count), static_cast<unsigned long long>(l.p50),
                  static_cast<unsigned long long>(l.p99), static_cast<unsigned long long>(l.p999),
                  static_cast<unsigned long long>(l.max));
    add_summary(r, line);
  }
  finish_outcome(r, status);
  return r;
}

namespace {
Result<RunResult> run_request(const WorkloadRequest& req) {
  auto spec = pool_churn_spec(req);
  if (!spec.ok()) return spec.error();
  auto p = PoolRegistry::instance().lookup(req.target);
  if (!p.ok()) return p.error();
  return run_pool_churn(**p, *spec, req.stress, req);
}
}  // namespace

CONTEND_REGISTER_WORKLOAD("pool-churn", "object-pool churn: ownership, reset and retention checked on every acquire",
                          TargetKind::kPool, run_request);

}  // namespace contend::workloads
