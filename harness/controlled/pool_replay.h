// pool_replay: `contend replay` of a raw fuzz_pool_controlled crash file, the pool counterpart of
// replay_file's raw-input path: decodes the bytes (gen/pool_program_decode.h), runs them once under
// BytesStrategy on the pool, prints the scenario per thread, the outcome, the violations, with
// ReplayOptions::trace the interleaving, and the crash signature; with check_determinism two more
// runs must take the same interleaving.
#pragma once

#include <ostream>
#include <string>

#include "controlled/replay.h"
#include "targets/pool_registry.h"
#include "util/exit_codes.h"

namespace contend {

// The pool a raw input is for: `target` if it names a registered pool; with target "all", the
// longest registered pool name inside `path` (fuzz_pool_controlled_<pool> artifacts and corpora).
// nullptr when neither names a pool (the input is then a map input).
const PoolTargetInfo* pool_for_file(const std::string& path, const std::string& target);

ExitCode replay_pool_file(const std::string& path, const PoolTargetInfo& pool, const ReplayOptions& opts,
                          std::ostream& out, std::ostream& err);

}  // namespace contend
