// check_map_history: everything contend checks on one recorded map history, for the stress and
// controlled runners: per-key linearizability of insert/erase/find/add (MapModel) plus the
// iteration rules. size() is recorded but not checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "check/linearizability.h"
#include "check/map_model.h"
#include "check/violation.h"
#include "record/history.h"

namespace contend::check {

struct MapCheckOptions {
  double budget_s = 60;                   // for the linearizability search; then kUnknown
  uint64_t max_steps = 0;                 // search-step budget; 0 = none
  size_t max_cache_entries = 1 << 22;     // memo cache bound per key (linearizability.h)
  bool all_failing_keys = false;          // false: stop at the smallest failing key
  bool iteration_allowed_under_writes = true;  // from the target's concurrency contract
  size_t max_violations = 16;
};

struct MapCheckReport {
  Verdict verdict = Verdict::kLinearizable;  // of insert/erase/find/add only
  std::vector<Violation> violations;         // empty iff nothing wrong was found
  bool truncated = false;                    // the history was cut (History::truncated)
  size_t ops_checked = 0;
  uint64_t steps = 0;
};

// The MapModel operations of `h` (pending ones with unknown outcome; size/iterate left out).
std::vector<ModelOp<MapModel>> map_model_ops(const History& h);

MapCheckReport check_map_history(const History& h, const MapCheckOptions& options = {});

}  // namespace contend::check
