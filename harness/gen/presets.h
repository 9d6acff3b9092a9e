// Workload presets: the JSON files under workloads/<workload>/, embedded into the binary at
// build time (so `contend run` works from any directory), plus user files given by path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gen/map_mix.h"
#include "util/error.h"

namespace contend {

struct Preset {
  std::string workload;     // e.g. "map-mix"
  std::string name;         // e.g. "read-heavy"
  std::string json;         // file contents
};

// Every embedded preset, sorted by workload then name.
const std::vector<Preset>& embedded_presets();

// Names of the workloads contend can run.
std::vector<std::string> workload_names();

// Resolves --workload/--preset into a spec: `preset` is an embedded preset name or a path to a
// .json file. Unknown names are usage errors with the closest match; bad files are input errors.
Result<MapMixSpec> load_map_mix(std::string_view workload, std::string_view preset);

// The "description" field of a preset, or "".
std::string preset_description(const Preset& p);

}  // namespace contend
