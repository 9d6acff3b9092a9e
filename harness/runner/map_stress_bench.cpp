// Stress-mode overhead: the same map-mix op stream (preset "default", 2 threads) executed
//   BM_Raw<T>        directly on the concrete container: no virtual call, no timing, no checks
//   BM_Virtual<T>    through AnyMap (what contend calls)
//   BM_Recorded<T>/N through AnyMap, timing every N-th op into a histogram as the runner does
// Compare items_per_second of BM_Raw with `contend run --target T --ops N` throughput, measured
// in the same session (see the closing note of the foundation issue for commands and figures).
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/benchmark_op.h"
#include "gen/presets.h"
#include "metrics/clock.h"
#include "metrics/latency_histogram.h"
#include "targets/std_mutex_map.h"
#include "targets/tbb_hash_map.h"

namespace contend {
namespace {

const MapMixSpec& spec() {
  static const MapMixSpec s = [] {
    MapMixSpec x = *load_map_mix("map-mix", "default");
    x.weights[static_cast<int>(OpKind::kIterate)] = 0;  // the default has none; keep it explicit
    return x;
  }();
  return s;
}

// One container per benchmark family, shared by its threads (steady state: the key space is
// bounded, so reuse across repetitions does not grow it).
template <class M>
M& shared_map() {
  static M m;
  return m;
}
template <class M>
AnyMap& shared_any() {
  static std::unique_ptr<AnyMap> m = make_any_map<M>();
  return *m;
}

template <class M>
void BM_Raw(benchmark::State& state) {
  OpStream ops(spec(), static_cast<uint32_t>(state.thread_index()));
  M& m = shared_map<M>();
  for (auto _ : state) benchmark_execute(m, ops.next());
  state.SetItemsProcessed(state.iterations());
}

template <class M>
void BM_Virtual(benchmark::State& state) {
  OpStream ops(spec(), static_cast<uint32_t>(state.thread_index()));
  AnyMap& m = shared_any<M>();
  for (auto _ : state) benchmark_execute(m, ops.next());
  state.SetItemsProcessed(state.iterations());
}

template <class M>
void BM_Recorded(benchmark::State& state) {
  metrics::init_clock();
  OpStream ops(spec(), static_cast<uint32_t>(state.thread_index()));
  AnyMap& m = shared_any<M>();
  auto hist = std::make_unique<metrics::LatencyHistogram[]>(kOpKinds);
  const int64_t every = state.range(0);  // as --latency-sample: time every N-th op
  int64_t until = 1;
  for (auto _ : state) {
    const Op op = ops.next();
    if (--until == 0) {
      until = every;
      const uint64_t t0 = metrics::now_ticks();
      benchmark_execute(m, op);
      hist[static_cast<int>(op.kind)].record(metrics::now_ticks() - t0);
    } else {
      benchmark_execute(m, op);
    }
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_TEMPLATE(BM_Raw, TbbHashMap)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Virtual, TbbHashMap)->Threads(2)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Recorded, TbbHashMap)->Arg(1)->Arg(8)->Threads(2)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Raw, StdMutexMap)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Virtual, StdMutexMap)->Threads(2)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Recorded, StdMutexMap)->Arg(1)->Arg(8)->Threads(2)->UseRealTime();

}  // namespace
}  // namespace contend

BENCHMARK_MAIN();
