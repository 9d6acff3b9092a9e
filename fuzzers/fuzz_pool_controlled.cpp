// fuzz_pool_controlled: the input is a pool scenario plus its interleaving
// (gen/pool_program_decode.h); one controlled execution per input against one pool target,
// checked for double hand-out, dirty hand-out, ownership, use-after-release and no-reuse
// (controlled/controlled_pool_run.h). One binary per target (fuzz_pool_controlled_<pool>, or
// CONTEND_FUZZ_TARGET), as for fuzz_map_controlled. Any failure aborts with the decoded scenario
// and the violations, so the engine saves the input.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "controlled/pool_fuzz_input.h"
#include "fuzz_support.h"
#include "interleaving_feedback.h"

namespace {
std::unique_ptr<contend::ControlledPoolRunner> g_runner;  // reused: keeps its violation log
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  contend::ControlledRunOptions opts;
  opts.exec.record_trace = contend::fuzz::feedback_enabled();
  opts.exec.catch_signals = false;  // a crashing vthread goes to the engine's own signal handler
  g_runner = std::make_unique<contend::ControlledPoolRunner>(
      contend::fuzz::pool_target("fuzz_pool_controlled", "mutex_pool"), opts);
  contend::fuzz::init_interleaving_feedback();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!g_runner) LLVMFuzzerInitialize(nullptr, nullptr);
  const auto r = contend::run_pool_fuzz_input(*g_runner, {data, size});
  if (g_runner->options().exec.record_trace) contend::fuzz::record_interleaving_feedback(r.run.exec.trace);
  contend::fuzz::abort_on_pool_failure(g_runner->target(), r.input.program, r.run);
  return 0;
}
