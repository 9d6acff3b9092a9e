#include "runner/stress_run.h"

#include <algorithm>
#include <chrono>

#include "metrics/clock.h"
#include "metrics/rss_sampler.h"
#include "report/environment.h"
#include "runner/contract_plan.h"
#include "runner/map_stress.h"

namespace contend {

LatencySummary summarize(const metrics::LatencyHistogram& h, double ns_per_tick) {
  const auto ns = [&](uint64_t ticks) { return static_cast<uint64_t>(static_cast<double>(ticks) * ns_per_tick); };
  return {h.count(),          ns(h.percentile(50)),   ns(h.percentile(90)), ns(h.percentile(99)),
          ns(h.percentile(99.9)), ns(h.max()), h.mean() * ns_per_tick};
}

RssResult rss_result(const metrics::RssSampleBuffer& buf) {
  const auto s = metrics::summarize(buf);
  RssResult r;
  r.start_bytes = s.start_bytes;
  r.peak_bytes = s.peak_bytes;
  r.end_bytes = s.end_bytes;
  r.slope_bytes_per_s = s.slope_bytes_per_s;
  r.samples = s.samples;
  r.alloc_start_bytes = s.alloc_start_bytes;
  r.alloc_end_bytes = s.alloc_end_bytes;
  r.alloc_slope_bytes_per_s = s.alloc_slope_bytes_per_s;
  const uint32_t n = buf.ordered_size();
  const uint32_t step = std::max<uint32_t>(1, (n + RssResult::kMaxSeries - 1) / RssResult::kMaxSeries);
  for (uint32_t i = 0; i < n; i += step) {
    const auto& x = buf.samples[i];
    r.series.push_back({static_cast<double>(x.t_ns) / 1e9, x.rss_bytes, x.alloc_in_use_bytes});
  }
  return r;
}

void fill_environment(RunResult& r) {
  const auto& clock = metrics::init_clock();
  r.contend_version = contend_version();
  r.git_sha = git_sha();
  r.cpu_model = cpu_model();
  r.cores = cpu_cores();
  r.clock_source = clock.source == metrics::ClockSource::kTsc ? "tsc" : "steady_clock";
}

namespace {

void fill_metrics(const StressArena& a, const MapMixSpec& spec, RunResult& r) {
  const double ns_per_tick = metrics::init_clock().ns_per_tick;
  for (int k = 0; k < kOpKinds; ++k) {
    metrics::LatencyHistogram merged;
    for (uint32_t t = 0; t < spec.threads; ++t) merged.merge(a.thread(t)->latency[k]);
    uint64_t ops = 0;  // exact; the histogram holds the timed sample of them
    for (uint32_t t = 0; t < spec.threads; ++t) ops += a.thread(t)->ops[k];
    if (ops > 0) {
      LatencySummary l = summarize(merged, ns_per_tick);
      l.sampled = l.count;
      l.count = ops;
      r.latency_ns[std::string(kOpNames[k])] = l;
    }
    r.total_ops += ops;
  }
  const uint64_t start = a.header.run_start_ns.load(std::memory_order_relaxed);
  uint64_t end = a.header.run_end_ns.load(std::memory_order_relaxed);
  if (start != 0 && end == 0) {  // the child died mid-run: measure up to now (within ~20 ms)
    end = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now().time_since_epoch())
                                    .count());
  }
  r.duration_s = start != 0 && end > start ? static_cast<double>(end - start) / 1e9 : 0;
  r.throughput_ops_s = r.duration_s > 0 ? static_cast<double>(r.total_ops) / r.duration_s : 0;
  r.rss = rss_result(a.rss);
  r.violations = a.violations.snapshot();
  r.history_ops_checked = a.header.history_ops;
  r.history_truncated = a.header.history_truncated != 0;
  static constexpr const char* kVerdicts[] = {"linearizable", "not linearizable", "unknown"};
  r.history_verdict = a.header.history_ops > 0 ? kVerdicts[std::min<uint32_t>(a.header.history_verdict, 2)] : "";
  r.violations_total = a.violations.total();
}

}  // namespace

Result<RunResult> run_stress(const MapTargetInfo& target, const MapMixSpec& requested, const StressOptions& opts) {
  if (auto st = validate(requested); !st.ok()) return st.error();
  auto plan = plan_for_contract(requested, target);
  if (!plan.ok()) return plan.error();
  const MapMixSpec& spec = plan->spec;
  metrics::init_clock();  // before fork: the child inherits the calibration

  StressArena* arena = StressArena::create(spec.threads);
  arena->watchdog.set_limit_mb(opts.rss_limit_mb);
  IsolationOptions iso = opts.isolation;
  iso.expected_ops = spec.ops_per_thread * spec.threads;
  iso.duration_s = spec.duration_s;
  const ChildStatus status = run_isolated(
      [&] {
        metrics::RssSampler sampler(arena->rss, {.interval_ms = opts.rss_interval_ms, .watchdog = &arena->watchdog});
        if (auto st = sampler.start(); !st.ok()) {
          arena->violations.add("rss-unavailable", -1, nullptr, st.error().message);
        }
        run_map_stress(target, spec, *arena, opts.check);
        sampler.stop();
      },
      *arena, iso);

  RunResult r;
  fill_environment(r);
  r.target = target.name;
  r.workload = "map-mix";
  r.params = to_json(spec);
  r.threads = spec.threads;
  r.seed = spec.seed;
  r.notes = plan->notes;
  r.replay_command = opts.replay_command;
  fill_metrics(*arena, spec, r);
  r.latency_sample_every = std::max<uint32_t>(1, opts.check.latency_sample_every);
  StressArena::destroy(arena);
  finish_outcome(r, status);
  return r;
}

void finish_outcome(RunResult& r, const ChildStatus& status) {
  r.outcome = status.outcome;
  r.outcome_detail = status.detail;
  r.signal = status.signal;
  if (r.outcome == Outcome::kOk && r.violations_total > 0) {
    r.outcome = Outcome::kViolation;
    r.outcome_detail = std::to_string(r.violations_total) + " invariant violation(s)";
  }
}

}  // namespace contend
