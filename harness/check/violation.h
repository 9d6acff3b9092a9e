// Violation: one finding of the checker on a recorded map history, in the shape the stress
// runner puts into the result JSON.
#pragma once

#include <string>
#include <string_view>

#include "gen/op.h"

namespace contend::check {

enum class ViolationKind : uint8_t {
  kNotLinearizable,    // the per-key sub-history has no legal sequential order
  kUnknown,            // the checker's budget ran out: nothing proven either way
  kIterationMissed,    // a key present for the whole iteration was not seen
  kIterationDuplicate, // an iteration saw the same key more than once
  kIterationPhantom,   // an iteration saw a key that no operation could have inserted yet
  kIterationContract,  // iteration overlapped writes on a container whose contract forbids it
};

constexpr std::string_view violation_kind_name(ViolationKind k) {
  switch (k) {
    case ViolationKind::kNotLinearizable: return "not_linearizable";
    case ViolationKind::kUnknown: return "unknown";
    case ViolationKind::kIterationMissed: return "iteration_missed_key";
    case ViolationKind::kIterationDuplicate: return "iteration_duplicate_key";
    case ViolationKind::kIterationPhantom: return "iteration_phantom_key";
    case ViolationKind::kIterationContract: return "iteration_contract";
  }
  return "?";
}

struct Violation {
  ViolationKind kind = ViolationKind::kNotLinearizable;
  Key key = 0;         // the key involved (0 for kUnknown / kIterationContract)
  std::string detail;  // human-readable; multi-line counterexample for kNotLinearizable
};

}  // namespace contend::check
