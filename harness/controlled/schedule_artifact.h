// ScheduleArtifact: a failing controlled execution, small enough to attach to a bug (a few
// hundred bytes once minimized): which target, the scenario itself (init, parallel and post
// operations), which strategy found it, and every scheduling decision, tied to the build id of
// the binary that recorded it. Versioned JSON:
//   {"format":"contend-schedule","version":2,"build_id":"…","target":"…","workload":"map-mix",
//    "spec":{…map-mix spec: key layout…},
//    "scenario":{"init":[["insert",0,10000],…],"threads":[[["erase",5,0]],[["erase",5,0]]],
//                "post":[["find",5,0],["iterate",0,0],["size",0,0]]},
//    "strategy":"pct","seed":7,"scenario_index":3,"interleaving":12,"execution":204,
//    "minimized":true,"schedule":"cs1-…","outcome":"violation","detail":"…"}
// Operations are [kind, key, arg]. The reader accepts only version 2 and rejects anything it
// could not replay exactly: wrong types, unknown kinds, keys outside the spec's layout, sizes
// beyond kMaxArtifact* (bad input, exit 3, naming the field).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "gen/map_mix.h"
#include "gen/program.h"
#include "util/error.h"
#include "util/outcome.h"

namespace contend {

inline constexpr int kScheduleArtifactVersion = 2;
inline constexpr std::size_t kMaxArtifactThreads = 16;
inline constexpr std::size_t kMaxArtifactThreadOps = 4096;
inline constexpr std::size_t kMaxArtifactSequentialOps = 1 << 16;

struct ScheduleArtifact {
  std::string build_id;
  std::string contend_version;
  std::string target;
  std::string workload = "map-mix";
  MapMixSpec spec;          // key layout the program's invariants use
  Program program;          // the scenario, exactly as it ran
  std::string strategy;     // random | pct | bytes
  uint64_t seed = 0;        // explore seed
  uint64_t scenario = 0;    // index of the scenario explore generated
  uint64_t interleaving = 0;  // index of the interleaving within it
  uint64_t execution = 0;   // index of the failing execution in the run
  bool minimized = false;   // program and schedule are minimize_scenario's result
  std::string schedule;     // sched::encode_token of the decisions
  Outcome outcome = Outcome::kOk;
  std::string detail;       // first line(s) of what failed
};

nlohmann::json to_json(const ScheduleArtifact& a);
// True if key `k` lies in one of spec's regions (shared, counter, or a thread's private keys).
bool key_in_layout(const MapMixSpec& spec, Key k);
Result<ScheduleArtifact> read_schedule_artifact(const std::string& path);
// The same checks on an already parsed document; `where` names it in errors.
Result<ScheduleArtifact> schedule_artifact_from_json(const nlohmann::json& j, const std::string& where);
// Writes `dir/<target>-NNN.sched` with the first free NNN (exclusive create, so concurrent
// explorers never overwrite each other); returns the path.
Result<std::string> write_schedule_artifact(const std::string& dir, const ScheduleArtifact& a);

}  // namespace contend
