// run_fuzz_input: one controlled execution of a raw fuzzer input against a map target: the bytes
// are decoded (gen/program_decode.h) into a scenario inside the target's contract plus schedule
// bytes, and the scenario runs under sched::BytesStrategy over those bytes. Fuzzers, `contend
// replay CRASHFILE` and `contend minimize` all go through here, so a crash file means the same
// execution everywhere the instrumented code is compiled the same way (same -O level: the
// schedule counts points, and only the optimizer can change how many there are).
#pragma once

#include <cstdint>
#include <span>

#include "controlled/controlled_map_run.h"
#include "gen/program_decode.h"
#include "targets/registry.h"

namespace contend {

// The scenario limits a target's contract allows (threads, erase, iterate under writes, and
// no iterate at all where iteration is too costly for a controlled run: cheap_iteration).
DecodeLimits decode_limits_for(const MapTargetInfo& target);

struct FuzzInputRun {
  DecodedInput input;
  ControlledRun run;
};

FuzzInputRun run_fuzz_input(const MapTargetInfo& target, std::span<const uint8_t> bytes,
                            const ControlledRunOptions& opts = {});
// Same, for an already decoded input (the minimizer's candidates).
ControlledRun run_decoded(const MapTargetInfo& target, const DecodedInput& input, const ControlledRunOptions& opts = {});

}  // namespace contend
