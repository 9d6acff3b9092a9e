// run_fuzz_input: decode + one controlled execution under BytesStrategy.
#include "controlled/fuzz_input.h"

#include "sched/strategy_bytes.h"

namespace contend {

DecodeLimits decode_limits_for(const MapTargetInfo& target) {
  const MapContract& c = target.contract;
  return DecodeLimits{.max_threads = c.concurrent_ops ? kDecodedMaxThreads : 1,
                      .erase = c.concurrent_erase,
                      .iterate = c.iterate_under_writes && c.cheap_iteration,
                      .post_iterate = c.cheap_iteration};
}

ControlledRun run_decoded(const MapTargetInfo& target, const DecodedInput& input, const ControlledRunOptions& opts) {
  ControlledMapRunner runner(target, input.program, opts);
  sched::BytesStrategy strategy(input.schedule);
  return runner.run(strategy);
}

FuzzInputRun run_fuzz_input(const MapTargetInfo& target, std::span<const uint8_t> bytes,
                            const ControlledRunOptions& opts) {
  FuzzInputRun r;
  r.input = decode_program(bytes, decode_limits_for(target));
  r.run = run_decoded(target, r.input, opts);
  return r;
}

}  // namespace contend
