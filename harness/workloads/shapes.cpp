// ticker and sessions: two traffic shapes against the same map target, both open-loop
// (failure-modes.md section 4). Every request has an intended start time from its arrival
// process; a worker that falls behind runs late requests at once, and latency is measured from
// the intended start (so queueing delay is not hidden: no coordinated omission). Service time
// (from the actual start) is reported separately.
//   ticker    fixed interval, stateless: insert a uniformly random key, find it, erase it.
//   sessions  Poisson session arrivals; each session inserts keys_per_session keys (create),
//             sends Poisson requests (find + add on its own keys, hot_fraction of them get
//             hot_probability of the touches), and erases its keys when its Pareto lifetime
//             ends (expire). Sessions alive at the end of the run are counted, then cleared.
// Each worker owns its share of the arrivals (rate / threads) and its own sessions, so a run is a
// function of (seed, thread) up to timing.
#include <algorithm>
#include <chrono>
#include <queue>
#include <thread>
#include <vector>

#include "metrics/clock.h"
#include "metrics/rss_sampler.h"
#include "runner/stress_run.h"
#include "targets/registry.h"
#include "util/rng.h"
#include "workloads/allocator.h"
#include "workloads/arrivals.h"
#include "workloads/shared_block.h"
#include "workloads/workload_common.h"

namespace contend::workloads {
namespace {

constexpr uint32_t kMaxThreads = 16;
enum Kind : int { kRequest = 0, kCreate, kExpire, kKinds };
constexpr const char* kKindNames[kKinds] = {"request", "create", "expire"};

struct ShapeSpec {
  bool sessions = false;
  std::string preset;
  uint32_t threads = 2;
  double duration_s = 5;
  uint64_t seed = 1;
  double rate_per_s = 12000;        // ticker: requests per second (all threads)
  uint64_t key_space = 1'000'000;   // ticker: uniform key range
  double session_rate_per_s = 200;  // sessions: arrivals per second (all threads)
  double lifetime_min_s = 0.5;      // Pareto x_m
  double lifetime_alpha = 1.2;      // Pareto shape (heavy tail)
  double lifetime_cap_s = 60;
  double session_request_rate = 20; // requests per second per session
  uint32_t keys_per_session = 256;
  double hot_fraction = 0.2, hot_probability = 0.8;
};

struct ShapeFigures {
  struct alignas(64) PerThread {
    metrics::LatencyHistogram latency[kKinds];  // ns from the intended start
    metrics::LatencyHistogram service[kKinds];  // ns from the actual start
    uint64_t sessions_started, sessions_expired, late;
  };
  PerThread t[kMaxThreads];
  MemoryPoint start, end, after_cleanup;
  uint64_t live_keys_at_end, live_sessions_at_end;
  char purge_method[64];
  uint32_t done;
};

uint64_t steady_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

// Sleeps until `target_ns`, spinning the last 50 us (a sleep overshoots by tens of us).
void wait_until(uint64_t target_ns) {
  for (uint64_t now = steady_ns(); now < target_ns; now = steady_ns()) {
    if (target_ns - now > 100'000) std::this_thread::sleep_for(std::chrono::nanoseconds(target_ns - now - 50'000));
  }
}

struct Event {
  double t;
  Kind kind;
  uint32_t session;  // index into the worker's sessions
  bool operator>(const Event& o) const { return t > o.t; }
};

void worker(const ShapeSpec& s, uint32_t t, AnyMap& m, ShapeFigures::PerThread& fig, ThreadStats& ts,
            uint64_t t0, uint64_t& live_sessions) {
  Rng rng(derive_seed(s.seed, 1000 + t));
  std::priority_queue<Event, std::vector<Event>, std::greater<>> q;
  struct Session {
    Key base;
    double expires;
    bool live;
  };
  std::vector<Session> sessions;
  FixedInterval ticker(s.threads / s.rate_per_s, t / s.rate_per_s);
  PoissonProcess arrivals(s.session_rate_per_s / s.threads, derive_seed(s.seed, 2000 + t));
  const double end = s.duration_s;
  auto push_arrival = [&] { q.push({s.sessions ? arrivals.next() : ticker.next(), s.sessions ? kCreate : kRequest, 0}); };
  push_arrival();
  while (!q.empty()) {
    const Event e = q.top();
    q.pop();
    if (e.t >= end) {
      if (e.kind == kExpire || (e.kind == kRequest && !s.sessions)) continue;
      continue;
    }
    const uint64_t intended = t0 + static_cast<uint64_t>(e.t * 1e9);
    wait_until(intended);
    const uint64_t start = steady_ns();
    if (start > intended + 1'000'000) ++fig.late;
    if (!s.sessions) {
      const Key k = rng.below(s.key_space);
      m.insert(k, 1);
      (void)m.find(k);
      m.erase(k);
      push_arrival();
    } else if (e.kind == kCreate) {
      const uint32_t idx = static_cast<uint32_t>(sessions.size());
      const Key base = ((uint64_t{t} << 40) | idx) * s.keys_per_session;
      const double life = pareto(rng, s.lifetime_min_s, s.lifetime_alpha, s.lifetime_cap_s);
      sessions.push_back({base, e.t + life, true});
      for (uint32_t i = 0; i < s.keys_per_session; ++i) m.insert(base + i, 0);
      ++fig.sessions_started;
      q.push({e.t + life, kExpire, idx});
      q.push({e.t + PoissonProcess::exponential(rng, s.session_request_rate), kRequest, idx});
      push_arrival();
    } else if (e.kind == kRequest) {
      Session& ss = sessions[e.session];
      if (!ss.live) continue;
      const uint32_t hot = std::max<uint32_t>(1, static_cast<uint32_t>(s.keys_per_session * s.hot_fraction));
      const uint32_t i = rng.unit() < s.hot_probability ? static_cast<uint32_t>(rng.below(hot))
                                                        : static_cast<uint32_t>(rng.below(s.keys_per_session));
      (void)m.find(ss.base + i);
      m.add(ss.base + i, 1);
      const double next = e.t + PoissonProcess::exponential(rng, s.session_request_rate);
      if (next < ss.expires) q.push({next, kRequest, e.session});
    } else {  // expire
      Session& ss = sessions[e.session];
      for (uint32_t i = 0; i < s.keys_per_session; ++i) m.erase(ss.base + i);
      ss.live = false;
      ++fig.sessions_expired;
    }
    const uint64_t done = steady_ns();
    fig.latency[e.kind].record(done - intended);
    fig.service[e.kind].record(done - start);
    ts.ops_done.fetch_add(1, std::memory_order_relaxed);
  }
  for (const auto& ss : sessions) live_sessions += ss.live ? 1 : 0;
}

void child_body(const MapTargetInfo& target, const ShapeSpec& s, StressArena& arena, ShapeFigures& fig,
                uint64_t rss_interval_ms) {
  metrics::RssSampler sampler(arena.rss, {.interval_ms = rss_interval_ms, .watchdog = &arena.watchdog});
  if (auto st = sampler.start(); !st.ok()) arena.violations.add("rss-unavailable", -1, nullptr, st.error().message);
  std::unique_ptr<AnyMap> map = target.make();
  fig.start = take_memory_point();
  const uint64_t t0 = steady_ns() + 10'000'000;  // 10 ms for the threads to start
  arena.header.run_start_ns.store(t0, std::memory_order_relaxed);
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kRunning), std::memory_order_release);
  std::vector<uint64_t> live(s.threads, 0);
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < s.threads; ++t) {
    threads.emplace_back([&, t] { worker(s, t, *map, fig.t[t], *arena.thread(t), t0, live[t]); });
  }
  for (auto& th : threads) th.join();
  arena.header.run_end_ns.store(steady_ns(), std::memory_order_relaxed);
  fig.end = take_memory_point();
  fig.live_keys_at_end = map->size();
  for (uint64_t l : live) fig.live_sessions_at_end += l;
  map.reset();  // the sessions still alive end with the process's state
  const std::string method = purge_allocator();
  std::snprintf(fig.purge_method, sizeof fig.purge_method, "%s", method.c_str());
  fig.after_cleanup = take_memory_point();
  fig.done = 1;
  arena.header.phase.store(static_cast<uint32_t>(RunPhase::kDone), std::memory_order_release);
  sampler.stop();
}

Result<ShapeSpec> shape_spec(const WorkloadRequest& req, bool sessions) {
  ParamReader p(req.preset, req.preset_name);
  ShapeSpec s;
  s.sessions = sessions;
  s.preset = req.preset_name;
  s.threads = static_cast<uint32_t>(p.u64("threads", s.threads));
  s.duration_s = p.number("duration_s", s.duration_s, 0.01, 1e6);
  s.rate_per_s = p.number("rate_per_s", s.rate_per_s, 1e-3, 1e8);
  s.key_space = p.u64("key_space", s.key_space);
  s.session_rate_per_s = p.number("session_rate_per_s", s.session_rate_per_s, 1e-3, 1e7);
  s.lifetime_min_s = p.number("lifetime_min_s", s.lifetime_min_s, 1e-6, 1e6);
  s.lifetime_alpha = p.number("lifetime_alpha", s.lifetime_alpha, 0.1, 10);
  s.lifetime_cap_s = p.number("lifetime_cap_s", s.lifetime_cap_s, 1e-6, 1e7);
  s.session_request_rate = p.number("session_request_rate", s.session_request_rate, 1e-3, 1e7);
  s.keys_per_session = static_cast<uint32_t>(p.u64("keys_per_session", s.keys_per_session));
  s.hot_fraction = p.number("hot_fraction", s.hot_fraction, 0, 1);
  s.hot_probability = p.number("hot_probability", s.hot_probability, 0, 1);
  if (p.error()) return *p.error();
  if (req.threads) s.threads = req.threads;
  if (req.duration_s > 0) s.duration_s = req.duration_s;
  s.seed = req.seed;
  if (s.threads == 0 || s.threads > kMaxThreads) return usage_error("threads must be in [1, 16]");
  if (s.key_space == 0 || s.keys_per_session == 0) return usage_error("key_space and keys_per_session must be > 0");
  return s;
}

nlohmann::json to_json(const ShapeSpec& s) {
  nlohmann::json j = {{"preset", s.preset}, {"threads", s.threads}, {"duration_s", s.duration_s}, {"seed", s.seed}};
  if (!s.sessions) {
    j["rate_per_s"] = s.rate_per_s;
    j["key_space"] = s.key_space;
  } else {
    j.update({{"session_rate_per_s", s.session_rate_per_s}, {"lifetime_min_s", s.lifetime_min_s},
              {"lifetime_alpha", s.lifetime_alpha}, {"lifetime_cap_s", s.lifetime_cap_s},
              {"session_request_rate", s.session_request_rate}, {"keys_per_session", s.keys_per_session},
              {"hot_fraction", s.hot_fraction}, {"hot_probability", s.hot_probability}});
  }
  return j;
}

Result<RunResult> run_shape(const WorkloadRequest& req, bool sessions) {
  auto spec = shape_spec(req, sessions);
  if (!spec.ok()) return spec.error();
  const ShapeSpec& s = *spec;
  auto target = TargetRegistry::instance().lookup_map(req.target);
  if (!target.ok()) return target.error();
  metrics::init_clock();
  StressArena* arena = StressArena::create(s.threads);
  arena->watchdog.set_limit_mb(req.stress.rss_limit_mb);
  SharedBlock<ShapeFigures> fig;
  IsolationOptions iso = req.stress.isolation;
  iso.duration_s = s.duration_s;
  iso.expected_ops = 0;
  if (iso.timeout_s == 0) iso.timeout_s = 60 + 3 * s.duration_s;
  const ChildStatus status =
      run_isolated([&] { child_body(**target, s, *arena, *fig, req.stress.rss_interval_ms); }, *arena, iso);

  RunResult r = start_result(req, sessions ? "sessions" : "ticker", s.threads);
  r.params = to_json(s);
  auto& wm = r.workload_metrics;
  for (int k = 0; k < kKinds; ++k) {
    metrics::LatencyHistogram lat, svc;
    for (uint32_t t = 0; t < s.threads; ++t) {
      lat.merge(fig->t[t].latency[k]);
      svc.merge(fig->t[t].service[k]);
    }
    if (lat.count() == 0) continue;
    r.latency_ns[kKindNames[k]] = summarize(lat, 1.0);
    const LatencySummary sv = summarize(svc, 1.0);
    wm["service_ns"][kKindNames[k]] = {{"count", sv.count}, {"p50", sv.p50}, {"p90", sv.p90}, {"p99", sv.p99},
                                       {"p999", sv.p999},   {"max", sv.max}, {"mean", sv.mean}};
    r.total_ops += lat.count();
  }
  const uint64_t a = arena->header.run_start_ns.load(), b = arena->header.run_end_ns.load();
  r.duration_s = b > a ? static_cast<double>(b - a) / 1e9 : 0;
  r.throughput_ops_s = r.duration_s > 0 ? static_cast<double>(r.total_ops) / r.duration_s : 0;
  r.rss = rss_result(arena->rss);
  r.violations = arena->violations.snapshot();
  r.violations_total = arena->violations.total();
  StressArena::destroy(arena);
  uint64_t started = 0, expired = 0, late = 0;
  for (uint32_t t = 0; t < s.threads; ++t) {
    started += fig->t[t].sessions_started;
    expired += fig->t[t].sessions_expired;
    late += fig->t[t].late;
  }
  wm["late_requests"] = late;  // started > 1 ms after their intended time
  if (sessions) {
    wm["sessions_started"] = started;
    wm["sessions_expired"] = expired;
  }
  if (fig->done) {
    wm["rss_start_bytes"] = fig->start.rss_bytes;
    wm["rss_end_bytes"] = fig->end.rss_bytes;
    wm["rss_peak_bytes"] = r.rss.peak_bytes;
    wm["rss_growth_bytes"] = static_cast<int64_t>(fig->end.rss_bytes) - static_cast<int64_t>(fig->start.rss_bytes);
    wm["retained_after_cleanup_bytes"] =
        static_cast<int64_t>(fig->after_cleanup.rss_bytes) - static_cast<int64_t>(fig->start.rss_bytes);
    wm["live_keys_at_end"] = fig->live_keys_at_end;
    wm["live_sessions_at_end"] = fig->live_sessions_at_end;
    wm["purge_method"] = fig->purge_method;
  }
  wm["rss_slope_bytes_per_s"] = r.rss.slope_bytes_per_s;
  if (const auto it = r.latency_ns.find("request"); it != r.latency_ns.end() && fig->done) {
    char line[256];
    std::snprintf(line, sizeof line, "%s: request latency p50 %.1f us p99 %.1f us p99.9 %.1f us (service p99 %.1f us)",
                  sessions ? "sessions" : "ticker", it->second.p50 / 1e3, it->second.p99 / 1e3, it->second.p999 / 1e3,
                  wm["service_ns"]["request"]["p99"].get<uint64_t>() / 1e3);
    add_summary(r, line);
    add_summary(r, "rss growth " + format_mib(double(wm["rss_growth_bytes"].get<int64_t>())) + " (slope " +
                       format_mib(r.rss.slope_bytes_per_s) + "/s), " + std::to_string(fig->live_keys_at_end) +
                       " live keys at end, retained after cleanup " +
                       format_mib(double(wm["retained_after_cleanup_bytes"].get<int64_t>())));
  }
  finish_outcome(r, status);
  return r;
}

Result<RunResult> run_ticker(const WorkloadRequest& req) { return run_shape(req, false); }
Result<RunResult> run_sessions(const WorkloadRequest& req) { return run_shape(req, true); }

}  // namespace

CONTEND_REGISTER_WORKLOAD("ticker", "open-loop fixed-interval stateless requests on random keys (the lab test)",
                          TargetKind::kMap, run_ticker);
CONTEND_REGISTER_WORKLOAD("sessions", "open-loop Poisson sessions with heavy-tailed lifetimes and per-session keys",
                          TargetKind::kMap, run_sessions);

}  // namespace contend::workloads
