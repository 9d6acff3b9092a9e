// Shared plumbing of the map fuzz targets (fuzzers/*.cpp), kept out of each ~30-line target:
// which registered map target a binary fuzzes, and the one fatal
// path (print the failure, then abort so libFuzzer/AFL++ record a crash artifact).
#pragma once

#include <string_view>

#include "controlled/controlled_map_run.h"
#include "gen/pool_program.h"
#include "targets/pool_registry.h"
#include "targets/registry.h"

namespace contend::fuzz {

// The map target of this process: $CONTEND_FUZZ_TARGET, else the suffix of the executable's
// name after "<fuzzer>_" (fuzz_map_controlled_tbb_hash_map -> tbb_hash_map; the build makes one
// such named link per registered target), else `fallback`. Exits with a usage message if
// unknown. With $CONTEND_FUZZ_LIST_TARGETS set it prints every registered name and exits.
const MapTargetInfo& map_target(std::string_view fuzzer, std::string_view fallback);

// Prints the decoded scenario and the failure to stderr and aborts (never returns) if
// `run.outcome` is a failure; kUnknown (checker out of budget) is not one.
void abort_on_failure(const MapTargetInfo& target, const Program& program, const ControlledRun& run);

// The pool counterparts, for fuzz_pool_controlled: the pool target by the same naming rule
// (fuzz_pool_controlled_canary_dirty_pool -> canary_dirty_pool, or $CONTEND_FUZZ_TARGET), and
// the fatal report (decoded pool scenario, every violation, then abort).
const PoolTargetInfo& pool_target(std::string_view fuzzer, std::string_view fallback);
void abort_on_pool_failure(const PoolTargetInfo& target, const PoolProgram& program, const ControlledRun& run);

}  // namespace contend::fuzz
