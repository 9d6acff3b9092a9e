// Benchmarks of the metrics hot paths: LatencyHistogram::record and the two clock sources.
#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>
#include <vector>

#include "metrics/clock.h"
#include "metrics/latency_histogram.h"
// util/rng.h uses unsigned __int128, which g++-12 -Wpedantic rejects (reported to the lead);
// silence it for this include only until util/ is fixed.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include "util/rng.h"
#pragma GCC diagnostic pop

namespace contend::metrics {
namespace {

// record() over a pre-generated spread of values (1 ns .. ~1 ms, log-uniform) so the bucket
// index varies as in a real run; the value array stays in L1.
void BM_HistogramRecord(benchmark::State& state) {
  auto h = std::make_unique<LatencyHistogram>();
  Rng rng(1);
  std::vector<uint64_t> values(1024);
  for (auto& v : values) v = rng.below(uint64_t{1} << (rng.below(20) + 1));
  size_t i = 0;
  for (auto _ : state) {
    h->record(values[i++ & 1023]);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(h->count());
}
BENCHMARK(BM_HistogramRecord);

// The full per-operation cost the runner pays: two timestamps, a conversion and a record.
void BM_TimestampAndRecord(benchmark::State& state) {
  init_clock();
  auto h = std::make_unique<LatencyHistogram>();
  for (auto _ : state) {
    const uint64_t t0 = now_ticks();
    const uint64_t t1 = now_ticks();
    h->record(ticks_to_ns(t1 - t0));
  }
  benchmark::DoNotOptimize(h->count());
}
BENCHMARK(BM_TimestampAndRecord);

void BM_NowTicks(benchmark::State& state) {
  state.SetLabel(init_clock().reason);
  for (auto _ : state) benchmark::DoNotOptimize(now_ticks());
}
BENCHMARK(BM_NowTicks);

void BM_SteadyClockNow(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(std::chrono::steady_clock::now());
}
BENCHMARK(BM_SteadyClockNow);

}  // namespace
}  // namespace contend::metrics

BENCHMARK_MAIN();
