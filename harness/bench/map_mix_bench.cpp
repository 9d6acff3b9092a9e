// Per-target microbenchmarks under the map-mix presets, in Google Benchmark form, so benchmark
// tooling (compare.py) and `contend compare` read the same JSON:
//   BM_MapMix/<target>/<preset>/real_time/threads:2
// for every non-canary target built into the binary and the presets default, read-heavy and
// write-heavy, each op stream as `contend run` generates it (after the target's contract plan,
// e.g. no concurrent erase on tbb_unordered_map). items_per_second is ops/s over both threads.
// Usage:
//   build/<preset>/harness/bench/map_mix_bench --benchmark_repetitions=9
//     --benchmark_enable_random_interleaving=true --benchmark_out=new.json --benchmark_out_format=json
//   (one command line)
//   build/<preset>/contend compare old.json new.json
#include <benchmark/benchmark.h>

#include <iostream>
#include <memory>

#include "bench/benchmark_op.h"
#include "gen/presets.h"
#include "runner/contract_plan.h"
#include "targets/registry.h"

namespace contend {
namespace {

constexpr uint32_t kThreads = 2;

void run_ops(AnyMap& m, OpStream& ops) { benchmark_execute(m, ops.next()); }

// Registers one benchmark per (target, preset). The map and spec live as long as the process:
// the benchmark's threads share the map, and the bounded key space keeps it from growing across
// repetitions.
bool register_all() {
  const auto& reg = TargetRegistry::instance();
  for (const auto& name : reg.default_map_names()) {
    const MapTargetInfo* info = *reg.lookup_map(name);
    for (const char* preset : {"default", "read-heavy", "write-heavy"}) {
      auto spec = load_map_mix("map-mix", preset);
      if (!spec.ok()) {
        std::cerr << "map_mix_bench: " << spec.error().message << "\n";
        return false;
      }
      spec->threads = kThreads;
      auto plan = plan_for_contract(*spec, *info);
      if (!plan.ok()) continue;  // nothing legal to run for this target under this preset
      auto shared_spec = std::make_shared<MapMixSpec>(plan->spec);
      std::shared_ptr<AnyMap> map = info->make();
      benchmark::RegisterBenchmark(("BM_MapMix/" + name + "/" + preset).c_str(),
                                   [shared_spec, map](benchmark::State& state) {
                                     OpStream ops(*shared_spec, static_cast<uint32_t>(state.thread_index()));
                                     for (auto _ : state) run_ops(*map, ops);
                                     state.SetItemsProcessed(state.iterations());
                                   })
          ->Threads(static_cast<int>(kThreads))
          ->UseRealTime();
    }
  }
  return true;
}

}  // namespace
}  // namespace contend

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  if (!contend::register_all()) return 3;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
