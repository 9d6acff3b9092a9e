// run_pool_fuzz_input: decode + one controlled pool execution under BytesStrategy.
#include "controlled/pool_fuzz_input.h"

#include "sched/strategy_bytes.h"

namespace contend {

PoolDecodeLimits pool_decode_limits_for(const PoolTargetInfo& target) {
  return PoolDecodeLimits{.max_threads = target.concurrent ? kPoolProgramMaxThreads : 1};
}

ControlledRun run_decoded_pool(ControlledPoolRunner& runner, const DecodedPoolInput& input) {
  sched::BytesStrategy strategy(input.schedule);
  return runner.run(input.program, strategy);
}

PoolFuzzInputRun run_pool_fuzz_input(ControlledPoolRunner& runner, std::span<const uint8_t> bytes) {
  PoolFuzzInputRun r;
  r.input = decode_pool_program(bytes, pool_decode_limits_for(runner.target()));
  r.run = run_decoded_pool(runner, r.input);
  return r;
}

}  // namespace contend
