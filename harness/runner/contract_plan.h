// plan_for_contract: makes a map-mix spec legal for a target before it runs. A target whose
// contract forbids an operation under concurrency (tbb_unordered_map's unsafe_erase,
// tbb_hash_map's iteration under writes) must not be driven into undefined behaviour by a
// default run; the operation is dropped from multi-threaded mixes and the result says so.
// Canaries claim the full contract, so their bugs are always exercised.
#pragma once

#include <string>
#include <vector>

#include "gen/map_mix.h"
#include "targets/registry.h"
#include "util/error.h"

namespace contend {

struct ContractPlan {
  MapMixSpec spec;                 // what actually runs
  std::vector<std::string> notes;  // one sentence per adjustment, echoed into the result
};

// Usage error if nothing legal is left to run. `controlled`: the spec is for controlled runs,
// where an iteration that walks a large fixed structure (MapContract::cheap_iteration false)
// costs too many schedule points, so iterate is left out of the parallel mix as well.
Result<ContractPlan> plan_for_contract(const MapMixSpec& spec, const MapTargetInfo& target, bool controlled = false);

}  // namespace contend
