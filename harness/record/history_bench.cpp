// Per-op cost of HistoryRecorder::begin + end, the overhead the stress runner adds to every map
// operation (the clock read is measured separately, since the runner pays it either way).
#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>

#include "record/history.h"

namespace contend {
namespace {

uint64_t now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

void BM_RecordBeginEnd(benchmark::State& state) {
  constexpr size_t kCap = 1 << 20;
  auto rec = std::make_unique<HistoryRecorder>(1, kCap);
  uint64_t stamp = 0;
  size_t done = 0;
  for (auto _ : state) {
    if (done == kCap) {  // keep measuring the hot path, not the refusal path
      state.PauseTiming();
      rec = std::make_unique<HistoryRecorder>(1, kCap);
      done = 0;
      state.ResumeTiming();
    }
    auto slot = rec->begin(0, Op{OpKind::kInsert, stamp & 1023, 1}, stamp);
    rec->end(0, slot, true, 0, stamp + 1);
    stamp += 2;
    ++done;
  }
}
BENCHMARK(BM_RecordBeginEnd);

void BM_RecordWithClock(benchmark::State& state) {
  HistoryRecorder rec(1, 1 << 20);
  size_t done = 0;
  for (auto _ : state) {
    if (done == (1 << 20)) {
      state.SkipWithError("capacity reached");  // benchmark iterations stay below 1M here
      break;
    }
    auto slot = rec.begin(0, Op{OpKind::kInsert, done & 1023, 1}, now_ns());
    rec.end(0, slot, true, 0, now_ns());
    ++done;
  }
}
BENCHMARK(BM_RecordWithClock)->Iterations(1 << 19);

void BM_ClockOnly(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(now_ns());
    benchmark::DoNotOptimize(now_ns());
  }
}
BENCHMARK(BM_ClockOnly);

}  // namespace
}  // namespace contend

BENCHMARK_MAIN();
