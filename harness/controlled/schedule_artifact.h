// ScheduleArtifact: a failing controlled execution, small enough to attach to a bug (a few
// hundred bytes): which target and scenario, which strategy found it, and every scheduling
// decision, tied to the build id of the binary that recorded it. Versioned JSON:
//   {"format":"contend-schedule","version":1,"build_id":"…","target":"…","workload":"map-mix",
//    "spec":{…map-mix spec…},"strategy":"pct","seed":7,"execution":42,"schedule":"cs1-…",
//    "outcome":"violation","detail":"…"}
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "gen/map_mix.h"
#include "util/error.h"
#include "util/outcome.h"

namespace contend {

inline constexpr int kScheduleArtifactVersion = 1;

struct ScheduleArtifact {
  std::string build_id;
  std::string contend_version;
  std::string target;
  std::string workload = "map-mix";
  MapMixSpec spec;          // regenerates the exact program
  std::string strategy;     // random | pct | bytes
  uint64_t seed = 0;        // strategy seed
  uint64_t execution = 0;   // index of the failing execution
  std::string schedule;     // sched::encode_token of the decisions
  Outcome outcome = Outcome::kOk;
  std::string detail;       // first line(s) of what failed
};

nlohmann::json to_json(const ScheduleArtifact& a);
Result<ScheduleArtifact> read_schedule_artifact(const std::string& path);
// Writes `dir/<target>-NNN.sched` with the first free NNN (exclusive create, so concurrent
// explorers never overwrite each other); returns the path.
Result<std::string> write_schedule_artifact(const std::string& dir, const ScheduleArtifact& a);

}  // namespace contend
