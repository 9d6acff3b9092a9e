// `contend list`: the catalogue of targets, canaries, workloads and presets.
#include <iostream>

#include <nlohmann/json.hpp>

#include "driver/commands.h"
#include "gen/presets.h"
#include "targets/pool_registry.h"
#include "targets/registry.h"

namespace contend {

int cmd_list(const Options& o) {
  const auto& reg = TargetRegistry::instance();
  if (o.json) {
    nlohmann::json j = {{"targets", nlohmann::json::array()}, {"workloads", nlohmann::json::object()}};
    for (const auto& m : reg.maps()) {
      j["targets"].push_back({{"name", m.name}, {"kind", "map"}, {"canary", m.canary}, {"description", m.description}});
    }
    for (const auto& p : PoolRegistry::instance().pools()) {
      j["targets"].push_back({{"name", p.name}, {"kind", "pool"}, {"canary", p.canary}, {"description", p.description}});
    }
    for (const auto& w : workload_names()) j["workloads"][w] = nlohmann::json::array();
    for (const auto& p : embedded_presets()) {
      j["workloads"][p.workload].push_back({{"preset", p.name}, {"description", preset_description(p)}});
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "Targets (map):\n";
  for (const auto& m : reg.maps()) {
    if (!m.canary) std::cout << "  " << m.name << std::string(24 - std::min<std::size_t>(22, m.name.size()), ' ') << m.description << "\n";
  }
  std::cout << "\nCanaries (deliberately broken; run only when named):\n";
  for (const auto& m : reg.maps()) {
    if (m.canary) std::cout << "  " << m.name << std::string(24 - std::min<std::size_t>(22, m.name.size()), ' ') << m.description << "\n";
  }
  // Pool targets (driven by pool-churn), then pool canaries.
  for (const bool canaries : {false, true}) {
    std::cout << (canaries ? "\nPool canaries (run only when named):\n" : "\nTargets (pool; --workload pool-churn):\n");
    for (const auto& p : PoolRegistry::instance().pools()) {
      if (p.canary == canaries) {
        std::cout << "  " << p.name << std::string(28 - std::min<std::size_t>(26, p.name.size()), ' ') << p.description << "\n";
      }
    }
  }
  std::cout << "\nWorkloads and presets (--workload W --preset P):\n";
  for (const auto& w : workload_names()) {
    std::cout << "  " << w << "\n";
    for (const auto& p : embedded_presets()) {
      if (p.workload == w) {
        std::cout << "    " << p.name << std::string(22 - std::min<std::size_t>(20, p.name.size()), ' ') << preset_description(p) << "\n";
      }
    }
  }
  return 0;
}

}  // namespace contend
