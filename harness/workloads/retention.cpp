#include "workloads/retention.h"

#include <atomic>
#include <barrier>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "metrics/clock.h"
#include "metrics/rss_sampler.h"
#include "util/rng.h"
#include "workloads/allocator.h"
#include "workloads/shared_block.h"
#include "workloads/workload_common.h"

namespace contend::workloads {

namespace {

constexpr uint32_t kMaxCycles = 64;

// Checkpoints written by the child, read by the parent after waitpid. `count` is release-stored
// after the entry is complete, so a child killed mid-checkpoint leaves only whole entries.
struct RetentionFigures {
  struct Checkpoint {
    char label[20];
    uint32_t cycle;
    uint64_t map_size;
    double t_s;
    MemoryPoint mem;
  };
  std::atomic<uint32_t> count;
  char purge_method[64];
  Checkpoint cps[2 * kMaxCycles + 4];
};

uint64_t steady_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

// Whether key index i of a cycle is erased: a pure function of (seed, key) so reruns match.
bool erased(const RetentionSpec& s, Key key) {
  if (s.erase_fraction >= 1.0) return true;
  Rng r(derive_seed(s.seed, key));
  return r.unit() < s.erase_fraction;
}

Key key_of(const RetentionSpec& s, uint32_t cycle, uint64_t i) { return (s.reuse_keys ? 0 : cycle * s.keys) + i; }

void child_body(const MapTargetInfo& target, const RetentionSpec& s, StressArena& arena, RetentionFigures& fig,
                uint64_t rss_interval_ms) {
  metrics::RssSampler sampler(arena.rss, {.interval_ms = rss_interval_ms, .watchdog = &arena.watchdog});
  if (auto st = sampler.start(); !st.ok()) arena.violations.add("rss-unavailable", -1, nullptr, st.error().message);
  const uint64_t t0 = steady_ns();
  auto checkpoint = [&](const char* label, uint32_t cycle, uint64_t size) {
    const uint32_t i = fig.count.load(std::memory_order_relaxed);
    if (i >= std::size(fig.cps)) return;
    auto& c = fig.cps[i];
    std::strncpy(c.label, label, sizeof c.label - 1);
    c.cycle = cycle;
    c.map_size = size;
    c.t_s = static_cast<double>(steady_ns() - t0) / 1e9;
    c.mem = take_memory_point();
    fig.count.store(i + 1, std::memory_order_release);
  };

  std::unique_ptr<AnyMap> map = target.make();
  AnyMap& m = *map;
  checkpoint("empty", 0, 0);
  arena.header.run_start_ns.store(steady_ns(), std::memory_order_relaxed);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kRunning), std::memory_order_release);

  // One thread's share of one phase (fill or erase) of cycle c.
  auto phase = [&](uint32_t t, uint32_t c, bool fill) {
    ThreadStats& ts = *arena.thread(t);
    const uint64_t lo = s.keys * t / s.threads, hi = s.keys * (t + 1) / s.threads;
    const int kind = static_cast<int>(fill ? OpKind::kInsert : OpKind::kErase);
    for (uint64_t i = lo; i < hi; ++i) {
      const Key k = key_of(s, c, i);
      if (!fill && !erased(s, k)) continue;
      const uint64_t a = metrics::now_ticks();
      if (fill) m.insert(k, static_cast<Value>(i));
      else m.erase(k);
      ts.latency[kind].record(metrics::now_ticks() - a);
      ts.ops_done.fetch_add(1, std::memory_order_relaxed);
    }
  };
  // Workers and the coordinator meet at the barrier before and after each phase; the
  // coordinator checkpoints while the workers wait, so no operation overlaps a reading. With
  // main_thread the coordinator runs the single share itself (glibc: the main arena, which
  // malloc_trim can shrink; thread arenas it cannot).
  const uint32_t nworkers = s.main_thread ? 0 : s.threads;
  std::barrier sync(static_cast<std::ptrdiff_t>(nworkers + 1));
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < nworkers; ++t) {
    workers.emplace_back([&, t] {
      for (uint32_t c = 0; c < s.cycles; ++c) {
        sync.arrive_and_wait();
        phase(t, c, true);
        sync.arrive_and_wait();
        sync.arrive_and_wait();
        phase(t, c, false);
        sync.arrive_and_wait();
      }
    });
  }
  auto run_phase = [&](uint32_t c, bool fill) {
    sync.arrive_and_wait();
    if (s.main_thread) phase(0, c, fill);
    sync.arrive_and_wait();
  };
  uint64_t expected = 0;  // keys that must remain (non-reused keys accumulate survivors)
  for (uint32_t c = 0; c < s.cycles; ++c) {
    run_phase(c, true);
    checkpoint("peak", c, m.size());
    run_phase(c, false);
    uint64_t survivors = 0;
    for (uint64_t i = 0; i < s.keys; ++i) survivors += erased(s, key_of(s, c, i)) ? 0 : 1;
    expected = s.reuse_keys ? survivors : expected + survivors;
    const uint64_t size = m.size();
    checkpoint("after-erase", c, size);
    if (size != expected) {
      arena.violations.add("size-mismatch", -1, nullptr,
                           "after erase in cycle " + std::to_string(c) + " size() is " + std::to_string(size) +
                               ", expected " + std::to_string(expected));
    }
  }
  for (auto& w : workers) w.join();  // thread exit flushes per-thread allocator caches
  arena.header.run_end_ns.store(steady_ns(), std::memory_order_relaxed);
  checkpoint("before-purge", s.cycles, m.size());
  const std::string method = purge_allocator();
  std::strncpy(fig.purge_method, method.c_str(), sizeof fig.purge_method - 1);
  checkpoint("after-purge", s.cycles, m.size());
  map.reset();
  purge_allocator();
  checkpoint("after-destroy", s.cycles, 0);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kDone), std::memory_order_release);
  sampler.stop();
}

}  // namespace

Result<RetentionSpec> retention_spec(const WorkloadRequest& req) {
  ParamReader p(req.preset, req.preset_name);
  RetentionSpec s;
  s.preset = req.preset_name;
  s.keys = p.u64("keys", s.keys);
  s.erase_fraction = p.number("erase_fraction", s.erase_fraction, 0.0, 1.0);
  s.cycles = static_cast<uint32_t>(p.u64("cycles", s.cycles));
  s.threads = static_cast<uint32_t>(p.u64("threads", s.threads));
  s.reuse_keys = p.boolean("reuse_keys", s.reuse_keys);
  s.main_thread = p.boolean("main_thread", s.main_thread);
  if (p.error()) return *p.error();
  if (req.ops) s.keys = req.ops;
  if (req.threads) s.threads = req.threads;
  s.seed = req.seed;
  if (s.keys == 0) return usage_error("retention: keys must be > 0");
  if (s.cycles == 0 || s.cycles > kMaxCycles) {
    return usage_error("retention: cycles must be in [1, " + std::to_string(kMaxCycles) + "]");
  }
  if (s.threads == 0 || s.threads > 256) return usage_error("retention: threads must be in [1, 256]");
  if (s.main_thread && s.threads != 1) return usage_error("retention: main_thread needs threads = 1");
  return s;
}

nlohmann::json to_json(const RetentionSpec& s) {
  return {{"preset", s.preset},   {"keys", s.keys},       {"erase_fraction", s.erase_fraction},
          {"cycles", s.cycles},   {"threads", s.threads}, {"reuse_keys", s.reuse_keys}, {"main_thread", s.main_thread},
          {"seed", s.seed}};
}

RunResult run_retention(const MapTargetInfo& target, const RetentionSpec& s, const StressOptions& opts,
                        const WorkloadRequest& req) {
  metrics::init_clock();  // before fork: the child inherits the calibration
  StressArena* arena = StressArena::create(s.threads);
  arena->watchdog.set_limit_mb(opts.rss_limit_mb);
  SharedBlock<RetentionFigures> fig;
  IsolationOptions iso = opts.isolation;
  iso.expected_ops = s.keys * s.cycles * (1 + (s.erase_fraction > 0 ? 1 : 0));
  iso.duration_s = 0;
  const ChildStatus status =
      run_isolated([&] { child_body(target, s, *arena, *fig, opts.rss_interval_ms); }, *arena, iso);

  RunResult r = start_result(req, "retention", s.threads);
  r.target = target.name;
  r.params = to_json(s);
  const double ns_per_tick = metrics::init_clock().ns_per_tick;
  for (OpKind k : {OpKind::kInsert, OpKind::kErase}) {
    metrics::LatencyHistogram merged;
    for (uint32_t t = 0; t < s.threads; ++t) merged.merge(arena->thread(t)->latency[static_cast<int>(k)]);
    if (merged.count() > 0) r.latency_ns[std::string(op_name(k))] = summarize(merged, ns_per_tick);
    r.total_ops += merged.count();
  }
  const uint64_t a = arena->header.run_start_ns.load(), b = arena->header.run_end_ns.load();
  r.duration_s = b > a ? static_cast<double>(b - a) / 1e9 : 0;
  r.throughput_ops_s = r.duration_s > 0 ? static_cast<double>(r.total_ops) / r.duration_s : 0;
  r.rss = rss_result(arena->rss);
  r.violations = arena->violations.snapshot();
  r.violations_total = arena->violations.total();
  StressArena::destroy(arena);

  // Figures from the checkpoints that were completed.
  auto& wm = r.workload_metrics;
  const uint32_t n = std::min<uint32_t>(fig->count.load(std::memory_order_acquire), std::size(fig->cps));
  wm["checkpoints"] = nlohmann::json::array();
  const RetentionFigures::Checkpoint* empty = nullptr;
  const RetentionFigures::Checkpoint* last_erase = nullptr;
  const RetentionFigures::Checkpoint* purge = nullptr;
  const RetentionFigures::Checkpoint* before_purge = nullptr;
  const RetentionFigures::Checkpoint* destroy = nullptr;
  uint64_t peak_rss = 0;
  std::vector<double> cyc, erase_rss, erase_alloc;
  for (uint32_t i = 0; i < n; ++i) {
    const auto& c = fig->cps[i];
    nlohmann::json j = to_json(c.mem);
    j["label"] = c.label;
    j["cycle"] = c.cycle;
    j["map_size"] = c.map_size;
    j["t_s"] = c.t_s;
    wm["checkpoints"].push_back(j);
    const std::string label = c.label;
    if (label == "empty") empty = &c;
    if (label == "peak") peak_rss = std::max(peak_rss, c.mem.rss_bytes);
    if (label == "after-erase") {
      last_erase = &c;
      cyc.push_back(c.cycle);
      erase_rss.push_back(static_cast<double>(c.mem.rss_bytes));
      erase_alloc.push_back(static_cast<double>(c.mem.alloc_in_use_bytes));
    }
    if (label == "before-purge") before_purge = &c;
    if (label == "after-purge") purge = &c;
    if (label == "after-destroy") destroy = &c;
  }
  wm["purge_method"] = fig->purge_method;
  if (empty && last_erase) {
    const auto d = [](uint64_t x, uint64_t y) { return static_cast<int64_t>(x) - static_cast<int64_t>(y); };
    const int64_t grown = d(peak_rss, empty->mem.rss_bytes);
    const int64_t retained = d(last_erase->mem.rss_bytes, empty->mem.rss_bytes);
    wm["peak_growth_bytes"] = grown;
    wm["retained_rss_bytes"] = retained;
    wm["retained_fraction"] = grown > 0 ? static_cast<double>(retained) / static_cast<double>(grown) : 0.0;
    const bool alloc_known = empty->mem.alloc_known && last_erase->mem.alloc_known;
    wm["retained_alloc_bytes"] =
        alloc_known ? nlohmann::json(d(last_erase->mem.alloc_in_use_bytes, empty->mem.alloc_in_use_bytes)) : nullptr;
    wm["ratchet_rss_bytes_per_cycle"] = slope(cyc, erase_rss);
    wm["ratchet_alloc_bytes_per_cycle"] = alloc_known ? nlohmann::json(slope(cyc, erase_alloc)) : nullptr;
    if (purge && before_purge) {
      wm["after_purge_retained_rss_bytes"] = d(purge->mem.rss_bytes, empty->mem.rss_bytes);
      wm["purge_released_bytes"] = d(before_purge->mem.rss_bytes, purge->mem.rss_bytes);
    }
    if (destroy) wm["after_destroy_retained_rss_bytes"] = d(destroy->mem.rss_bytes, empty->mem.rss_bytes);
    add_summary(r, "retention (" + r.allocator + "): empty " + format_mib(double(empty->mem.rss_bytes)) + ", peak +" +
                       format_mib(double(grown)) + ", after erase +" + format_mib(double(retained)) + " retained (" +
                       std::to_string(static_cast<int>(100 * wm["retained_fraction"].get<double>())) + "% of growth)");
    add_summary(r, "ratchet " + format_mib(wm["ratchet_rss_bytes_per_cycle"].get<double>()) + "/cycle RSS" +
                       (alloc_known ? ", allocator in-use retained " +
                                          format_mib(double(wm["retained_alloc_bytes"].get<int64_t>()))
                                    : std::string(", allocator in-use unknown")));
    if (purge && before_purge) {
      add_summary(r, "after " + std::string(fig->purge_method) + ": +" +
                         format_mib(double(wm["after_purge_retained_rss_bytes"].get<int64_t>())) + " (released " +
                         format_mib(double(wm["purge_released_bytes"].get<int64_t>())) + ")" +
                         (destroy ? ", after destroying the map: +" +
                                        format_mib(double(wm["after_destroy_retained_rss_bytes"].get<int64_t>()))
                                  : std::string()));
    }
  }
  finish_outcome(r, status);
  return r;
}

namespace {
Result<RunResult> run_retention_request(const WorkloadRequest& req) {
  auto spec = retention_spec(req);
  if (!spec.ok()) return spec.error();
  auto t = TargetRegistry::instance().lookup_map(req.target);
  if (!t.ok()) return t.error();
  return run_retention(**t, *spec, req.stress, req);
}
}  // namespace

CONTEND_REGISTER_WORKLOAD("retention", "fill a map, erase, repeat: RSS and allocator in-use retained after delete",
                          TargetKind::kMap, run_retention_request);

}  // namespace contend::workloads
