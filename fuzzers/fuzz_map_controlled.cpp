// fuzz_map_controlled: the input is a scenario plus its interleaving (gen/program_decode.h);
// one controlled execution per input against one map target. One binary per target
// (fuzz_map_controlled_<target>, or CONTEND_FUZZ_TARGET): a crash file never depends on the
// registry's order, each target keeps its own corpus and coverage, and nightly time goes to the
// targets that need it. Any failure aborts, so the engine saves the input.
#include <cstddef>
#include <cstdint>

#include "controlled/fuzz_input.h"
#include "fuzz_support.h"
#include "interleaving_feedback.h"

namespace {
const contend::MapTargetInfo* g_target = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_target = &contend::fuzz::map_target("fuzz_map_controlled", "tbb_hash_map");
  contend::fuzz::init_interleaving_feedback();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!g_target) LLVMFuzzerInitialize(nullptr, nullptr);
  contend::ControlledRunOptions opts;
  opts.exec.record_trace = contend::fuzz::feedback_enabled();
  opts.exec.catch_signals = false;  // a crashing vthread goes to the engine's own signal handler
  const auto r = contend::run_fuzz_input(*g_target, {data, size}, opts);
  if (opts.exec.record_trace) contend::fuzz::record_interleaving_feedback(r.run.exec.trace);
  contend::fuzz::abort_on_failure(*g_target, r.input.program, r.run);
  return 0;
}
