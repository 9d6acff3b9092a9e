// fuzz_map_stress: the same scenario layout as fuzz_map_controlled, run on real OS threads
// (started together, joined before returning) against a plain or ASan/TSan build of the target.
// Interleavings are the OS's, so results are NOT reproducible: this binary replays corpora and
// crash files under sanitizers and checks invariants + linearizability with real timestamps.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "gen/program_decode.h"
#include "stress_once.h"

namespace {
const contend::MapTargetInfo* g_target = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_target = &contend::fuzz::map_target("fuzz_map_stress", "tbb_hash_map");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!g_target) LLVMFuzzerInitialize(nullptr, nullptr);
  const auto in = contend::decode_program({data, size}, contend::fuzz::stress_limits(*g_target));
  const auto run = contend::fuzz::stress_once(*g_target, in.program);
  contend::fuzz::abort_on_failure(*g_target, in.program, run);
  return 0;
}
