// Parser for Jepsen etcd client logs ("INFO  jepsen.util - P :type :f value", fields split on
// any whitespace; see corpora/histories/porcupine/README.md). The line index is the stamp.
// Outcome rules (they decide ~20 of the conformance verdicts):
//   :ok              completes with the given result
//   :fail :cas       completed, cas returned false (legal iff the value was not `a`)
//   :fail :read      (timed-out) unknown read: no effect, dropped by the checker
//   :fail :write     did not happen: dropped
//   :info            indeterminate: pending for ever (may take effect any time after invoke, or
//                    never); the :info line is NOT an upper bound on the effect.
#pragma once

#include <string_view>
#include <vector>

#include "check/register_model.h"
#include "util/error.h"

namespace contend::check {

Result<std::vector<ModelOp<RegisterModel>>> parse_jepsen_etcd(std::string_view text,
                                                             std::string_view file);

}  // namespace contend::check
