#include "targets/pool_registry.h"

#include <algorithm>

#include "util/check.h"
#include "util/closest_match.h"

namespace contend {

PoolRegistry& PoolRegistry::instance() {
  static PoolRegistry r;
  return r;
}

void PoolRegistry::add(PoolTargetInfo info) {
  CONTEND_CHECK(find(info.name) == nullptr) << "pool target registered twice: " << info.name;
  pools_.push_back(std::move(info));
  std::sort(pools_.begin(), pools_.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

const PoolTargetInfo* PoolRegistry::find(std::string_view name) const {
  for (const auto& p : pools_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Result<const PoolTargetInfo*> PoolRegistry::lookup(std::string_view name) const {
  if (const auto* p = find(name)) return p;
  std::vector<std::string> names;
  for (const auto& p : pools_) names.push_back(p.name);
  std::string hint = "run `contend list` to see all pool targets";
  if (auto best = closest_match(name, names)) hint = "did you mean '" + *best + "'? " + hint;
  return usage_error("unknown pool target '" + std::string(name) + "'", hint);
}

std::vector<std::string> PoolRegistry::default_names() const {
  std::vector<std::string> out;
  for (const auto& p : pools_) {
    if (!p.canary) out.push_back(p.name);
  }
  return out;
}

}  // namespace contend
