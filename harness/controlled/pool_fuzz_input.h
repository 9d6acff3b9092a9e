// run_pool_fuzz_input: one controlled execution of a raw fuzzer input against a pool target: the
// bytes are decoded (gen/pool_program_decode.h) into a pool scenario inside the target's contract
// plus schedule bytes, and the scenario runs under sched::BytesStrategy over those bytes
// (controlled_pool_run.h). The pool counterpart of fuzz_input.h; fuzz_pool_controlled and the
// pool fuzz tests go through here, so an input means the same execution in both.
#pragma once

#include <cstdint>
#include <span>

#include "controlled/controlled_pool_run.h"
#include "gen/pool_program_decode.h"

namespace contend {

// The scenario limits a pool's contract allows (1 thread unless acquire/release may overlap).
PoolDecodeLimits pool_decode_limits_for(const PoolTargetInfo& target);

struct PoolFuzzInputRun {
  DecodedPoolInput input;
  ControlledRun run;
};

PoolFuzzInputRun run_pool_fuzz_input(ControlledPoolRunner& runner, std::span<const uint8_t> bytes);
// Same, for an already decoded input.
ControlledRun run_decoded_pool(ControlledPoolRunner& runner, const DecodedPoolInput& input);

}  // namespace contend
