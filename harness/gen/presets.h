// Workload presets: the JSON files under workloads/<workload>/, embedded into the binary at
// build time (so `contend run` works from any directory), plus user files given by path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

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

// Names of the workloads contend can run: map-mix plus every name with embedded presets
// (workloads/<name>/*.json), sorted.
std::vector<std::string> workload_names();

// Loads a preset document of any workload: an embedded preset name or a path to a .json file.
// Returns the document and the name to record. Unknown names are usage errors with the closest
// match; unreadable files are io errors; invalid JSON is an input error naming the file.
struct PresetDocument {
  std::string name;
  nlohmann::json json;
};
Result<PresetDocument> load_preset(std::string_view workload, std::string_view preset);

// Resolves --workload/--preset into a spec: `preset` is an embedded preset name or a path to a
// .json file. Unknown names are usage errors with the closest match; bad files are input errors.
Result<MapMixSpec> load_map_mix(std::string_view workload, std::string_view preset);

// The "description" field of a preset, or "".
std::string preset_description(const Preset& p);

}  // namespace contend
