// crash_signature: the deduplication key of a controlled failure, after ClusterFuzz's
// crash_type + crash_state: "<outcome>/<first violation kind>/<f1>|<f2>|<f3>", where f1..f3 are
// the target functions (distinct, in order) at the first three preemption sites of the trace,
// or for a crash the last three distinct functions the crashing thread ran. Harness (any file
// under harness/ but the targets, and the AnyMap adapter), runtime
// and standard-library (std::*) frames are dropped (they would over-merge, oss-fuzz#8389, and
// vary with where in a library call the preemption fell), and template arguments are cut, so
// the key is stable across inputs that fail the same way. Needs the execution's trace
// (ControlledRunOptions::exec.record_trace); without it the frames are empty.
#pragma once

#include <string>
#include <vector>

#include "controlled/controlled_map_run.h"

namespace contend {

struct CrashSignature {
  std::string outcome;              // outcome_name, e.g. "violation", "crash"
  std::string violation;            // first violation kind ("" if none)
  std::vector<std::string> frames;  // up to 3 target functions
  std::string key() const;          // "violation/lost-insert/f1|f2|f3"
  std::string kind() const;         // "violation/lost-insert": what the minimizer preserves
};

CrashSignature crash_signature(const ControlledRun& run);

// crash_signature(run).kind() without the frames (so without symbolizing): what the minimizer
// preserves from one candidate to the next.
std::string failure_kind(const ControlledRun& run);

// One symbolized frame ("ns::f<int>(long) at targets/x.h:12", as sched::symbolize_pcs prints it)
// -> the name the signature keeps ("ns::f"), or "" for frames that are not the target's own code.
std::string signature_frame(const std::string& symbolized);

}  // namespace contend
