// Checker speed on Porcupine's own benchmark inputs, to compare with Porcupine (Go):
// kv c50-ok, kv c50-bad (per-key partitions) and the sum over all etcd histories (one register).
// Parsing happens outside the timed loop, as in Porcupine's tests. Run with
//   linearizability_bench --benchmark_repetitions=15 --benchmark_report_aggregates_only=true
// and compare the *_median rows.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "check/jepsen_etcd_format.h"
#include "check/linearizability.h"
#include "check/porcupine_kv_format.h"
#include "util/atomic_file.h"

namespace contend::check {
namespace {

const std::string kDir = std::string(CONTEND_HISTORY_CORPUS) + "/porcupine/";

std::string load(const std::string& rel) {
  auto text = read_file(kDir + rel);
  if (!text) {
    std::fprintf(stderr, "cannot read %s: %s\n", rel.c_str(), text.error().message.c_str());
    std::exit(4);
  }
  return *text;
}

void run_kv(benchmark::State& state, const char* file, Verdict want) {
  auto ops = parse_porcupine_kv(load(file), file);
  if (!ops) return state.SkipWithError(ops.error().message.c_str());
  for (auto _ : state) {
    CheckResult r = check_linearizability<KvModel>(*ops);
    if (r.verdict != want) return state.SkipWithError("wrong verdict");
    benchmark::DoNotOptimize(r.steps);
  }
}

void BM_KvC50Ok(benchmark::State& s) { run_kv(s, "kv/c50-ok.txt", Verdict::kLinearizable); }
void BM_KvC50Bad(benchmark::State& s) { run_kv(s, "kv/c50-bad.txt", Verdict::kNotLinearizable); }

void BM_EtcdAll(benchmark::State& state) {
  std::vector<std::vector<ModelOp<RegisterModel>>> histories;
  char name[64];
  for (int i = 0; i <= 102; ++i) {
    std::snprintf(name, sizeof name, "etcd/etcd_%03d.log", i);
    auto ops = parse_jepsen_etcd(load(name), name);
    if (!ops) return state.SkipWithError(ops.error().message.c_str());
    histories.push_back(std::move(*ops));
  }
  for (auto _ : state) {
    uint64_t steps = 0;
    for (const auto& h : histories) steps += check_linearizability<RegisterModel>(h).steps;
    benchmark::DoNotOptimize(steps);
  }
}

BENCHMARK(BM_KvC50Ok)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KvC50Bad)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EtcdAll)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace contend::check

BENCHMARK_MAIN();
