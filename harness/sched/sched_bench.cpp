// sched_bench: throughput and overheads of controlled execution on one pinned CPU. All cases use
// real time (rates are per wall-clock second). The CPU column is the whole process's CPU time:
// only one of its threads runs at a time, so on an idle machine it is close to the real time,
// and on a loaded one it shows the cost without the time other processes took from our CPU.
//   Executions/<scenario>/<mode>: 2 threads x 16 ops per execution, PCT depth 3, fresh container
//     per execution; items_per_second = executions/s; counters points & switches per execution.
//   SwitchCost: two vthreads forced to alternate at every point; time per switch.
//   PointCost/{plain,atomic}[/sync_only|/outside]: time per instrumented access with no switch.
#include <benchmark/benchmark.h>

#include <atomic>
#include <functional>

#include "sched/executor.h"
#include "sched/strategy_bytes.h"
#include "sched/strategy_pct.h"
#include "sched/testing/kernels.h"
#include "sched/testing/scenarios.h"

namespace contend::sched {
namespace {

using testing::Scenario;

void Executions(benchmark::State& state, Scenario s, bool sync_only) {
  PctStrategy pct(1, PctOptions{.depth = 3});
  const ExecOptions opts{.sync_points_only = sync_only};
  uint64_t points = 0, switches = 0, failures = 0;
  for (auto _ : state) {
    const auto r = testing::run_scenario(s, pct, opts);
    points += r.exec.points;
    switches += r.exec.switches;
    failures += r.failed();
  }
  const double n = static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["points"] = static_cast<double>(points) / n;
  state.counters["switches"] = static_cast<double>(switches) / n;
  state.counters["failures"] = static_cast<double>(failures);
}
BENCHMARK_CAPTURE(Executions, tbb_hash_map/every_access, Scenario::kTbbHashMap, false)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(Executions, tbb_hash_map/sync_only, Scenario::kTbbHashMap, true)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(Executions, std_mutex_map/every_access, Scenario::kMutexMap, false)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(Executions, std_mutex_map/sync_only, Scenario::kMutexMap, true)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(Executions, cuckoo_map/every_access, Scenario::kCuckooMap, false)->UseRealTime()->MeasureProcessCPUTime();

// Always hands the token to another thread after one point.
class AlternateStrategy final : public Strategy {
 public:
  void begin_execution(uint32_t) override {}
  Pick pick(const PickRequest& r) override {
    for (uint32_t t : r.eligible) {
      if (static_cast<int>(t) != r.current) return Pick{t, 1};
    }
    return Pick{r.eligible[0], 1};
  }
  uint64_t next_u64() override { return 0; }
  std::string_view name() const override { return "alternate"; }
};

void SwitchCost(benchmark::State& state) {
  constexpr long kPerThread = 20'000;
  std::atomic<long> a{0};
  const std::function<void()> body = [&a] { testing::atomic_adds(&a, kPerThread); };
  const std::function<void()> bodies[] = {body, body};
  AlternateStrategy alt;
  uint64_t switches = 0;
  for (auto _ : state) switches += run_controlled(bodies, alt, {}).switches;
  state.counters["s_per_switch"] = benchmark::Counter(
      static_cast<double>(switches), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(SwitchCost)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

enum class Where { kEveryAccess, kSyncOnly, kOutside };

void PointCost(benchmark::State& state, bool atomic, Where where) {
  constexpr long kN = 1'000'000;
  long cell = 1;
  std::atomic<long> a{0};
  const std::function<void()> body = [&] {
    if (atomic) {
      testing::atomic_adds(&a, kN);
    } else {
      benchmark::DoNotOptimize(testing::plain_reads(&cell, kN));
    }
  };
  BytesStrategy none({});  // no bytes: no preemption at all
  const ExecOptions opts{.sync_points_only = where == Where::kSyncOnly, .max_steps = 4 * kN};
  for (auto _ : state) {
    if (where == Where::kOutside) {
      body();
    } else {
      run_controlled(std::span(&body, 1), none, opts);
    }
  }
  state.counters["s_per_access"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kN,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK_CAPTURE(PointCost, plain/every_access, false, Where::kEveryAccess)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(PointCost, plain/sync_only, false, Where::kSyncOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(PointCost, plain/outside_vthread, false, Where::kOutside)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(PointCost, atomic_rmw/every_access, true, Where::kEveryAccess)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(PointCost, atomic_rmw/outside_vthread, true, Where::kOutside)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

}  // namespace
}  // namespace contend::sched

BENCHMARK_MAIN();
