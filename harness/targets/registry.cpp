#include "targets/registry.h"

#include <algorithm>

#include "util/closest_match.h"

namespace contend {

TargetRegistry& TargetRegistry::instance() {
  static TargetRegistry r;
  return r;
}

void TargetRegistry::add(MapTargetInfo info) {
  CONTEND_CHECK(find_map(info.name) == nullptr) << "target registered twice: " << info.name;
  auto pos = std::lower_bound(maps_.begin(), maps_.end(), info.name,
                              [](const MapTargetInfo& a, const std::string& n) { return a.name < n; });
  maps_.insert(pos, std::move(info));
}

const MapTargetInfo* TargetRegistry::find_map(std::string_view name) const {
  for (const auto& m : maps_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Result<const MapTargetInfo*> TargetRegistry::lookup_map(std::string_view name) const {
  if (const auto* m = find_map(name)) return m;
  std::vector<std::string> names;
  for (const auto& m : maps_) names.push_back(m.name);
  std::string msg = "unknown target '" + std::string(name) + "'";
  std::string hint = "run `contend list` to see all targets";
  if (auto best = closest_match(name, names)) hint = "did you mean '" + *best + "'? " + hint;
  return usage_error(msg, hint);
}

std::vector<std::string> TargetRegistry::default_map_names() const {
  std::vector<std::string> out;
  for (const auto& m : maps_) {
    if (!m.canary) out.push_back(m.name);
  }
  return out;
}

}  // namespace contend
