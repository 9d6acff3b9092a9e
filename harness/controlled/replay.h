// replay: re-executes a schedule artifact exactly (ReplayStrategy over its recorded decisions)
// and prints the decoded scenario, the outcome and, on request, the interleaving trace.
#pragma once

#include <ostream>
#include <string>

#include "util/exit_codes.h"

namespace contend {

struct ReplayOptions {
  bool trace = false;              // print the folded, symbolized interleaving
  bool check_determinism = false;  // replay twice more; divergence exits kNondeterministic
  bool ignore_build_id = false;
};

ExitCode replay_artifact(const std::string& path, const ReplayOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace contend
