// stress_once: one run of a Program on real OS threads (released together, joined before
// returning), with the same per-op invariants, quiescent checks and per-key linearizability
// check as controlled runs, but real-time (atomic-counter) timestamps. Nondeterministic by
// nature; meant for ASan/TSan replay of fuzz corpora. Needs no scheduler runtime, so it links
// into sanitizer builds.
#pragma once

#include "controlled/controlled_map_run.h"
#include "gen/program_decode.h"
#include "targets/registry.h"

namespace contend::fuzz {

DecodeLimits stress_limits(const MapTargetInfo& target);  // as decode_limits_for
ControlledRun stress_once(const MapTargetInfo& target, const Program& program);

}  // namespace contend::fuzz
