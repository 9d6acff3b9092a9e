// replay: re-executes a schedule artifact exactly (ReplayStrategy over its recorded decisions)
// and prints the decoded scenario, the outcome and, on request, the interleaving trace.
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "controlled/controlled_map_run.h"
#include "util/exit_codes.h"
#include "util/function_ref.h"

namespace contend {

struct ReplayOptions {
  bool trace = false;              // print the folded, symbolized interleaving
  bool full_trace = false;         // every access, not only those to memory several threads touched
  bool check_determinism = false;  // replay twice more; divergence exits kNondeterministic
  bool ignore_build_id = false;
};

ExitCode replay_artifact(const std::string& path, const ReplayOptions& opts, std::ostream& out, std::ostream& err);

// `contend replay FILE`: a schedule artifact (JSON) goes to replay_artifact; anything else is a
// raw fuzzer input (gen/program_decode.h) run once under BytesStrategy on `target` ("all": the
// registered map target named in the file's path, e.g. corpora/fuzz_map_controlled_<t>/...).
// The registered item (map target, pool) with the longest name inside `path`, nullptr if none:
// crash files and corpora live under fuzz_map_controlled_<t>/ and fuzz_pool_controlled_<pool>/.
template <class Items>
const typename Items::value_type* longest_name_in(const std::string& path, const Items& items) {
  const typename Items::value_type* best = nullptr;
  for (const auto& i : items) {
    if (path.find(i.name) != std::string::npos && (!best || i.name.size() > best->name.size())) best = &i;
  }
  return best;
}

// A file replay and minimize treat as a schedule artifact: named *.sched or starting with '{'
// (a raw fuzzer input never needs to). Such a file that does not parse is an error, never
// replayed as raw bytes.
bool looks_like_artifact(const std::string& path, std::span<const uint8_t> bytes);

// `target` ("all" or a name given with --target) against the artifact's own: a usage error if
// they differ (the flag would otherwise be silently ignored).
Status artifact_target_matches(const std::string& path, const std::string& target);

// The map target of a raw fuzzer input (see replay_file); prints the error and returns nullptr.
struct MapTargetInfo;
const MapTargetInfo* target_for_file(const std::string& path, const std::string& target, std::ostream& err);

ExitCode replay_file(const std::string& path, const std::string& target, const ReplayOptions& opts, std::ostream& out,
                     std::ostream& err);

// The tail of a raw-input replay report, shared by map and pool inputs: the outcome line, each
// violation (or the outcome's detail), and the crash signature of a failure.
void print_raw_outcome(std::ostream& out, const ControlledRun& run);

// check_determinism: runs `rerun` twice more; false (and "DIVERGED" printed) if either took
// another interleaving (trace hash) or ended differently.
bool repeats_identically(std::ostream& out, const ControlledRun& first, FunctionRef<ControlledRun()> rerun);

}  // namespace contend
