// check_iterations: the iteration rules, which hold where linearizability of iteration does not.
// For each completed iteration [call, ret]:
//   1. no key is seen twice;
//   2. no key is seen that no insert/add could have inserted before `ret` (phantom);
//   3. a key present for the whole iteration is seen exactly once. "Present for the whole
//      iteration" is proven conservatively: some insert->inserted, add or find->found on the key
//      returned before `call`, and no erase that may have succeeded (returned erased, or pending)
//      could take effect between that op and `ret`. So a report is a real bug whenever the
//      per-key histories are linearizable.
// Unfinished iterations (ret = kNoReturn) are checked for rules 1 and 2 only.
// Containers whose contract forbids iteration concurrent with writes: an iteration overlapping a
// mutating op is reported once as kIterationContract and not checked further.
#pragma once

#include <cstddef>
#include <vector>

#include "check/violation.h"
#include "record/history.h"

namespace contend::check {

struct IterationOptions {
  bool allowed_under_writes = true;  // false: the target's contract forbids it
  size_t max_violations = 64;        // stop collecting after this many
};

std::vector<Violation> check_iterations(const History& h, const IterationOptions& options = {});

}  // namespace contend::check
