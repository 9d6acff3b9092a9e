#include "runner/contract_plan.h"

namespace contend {

Result<ContractPlan> plan_for_contract(const MapMixSpec& spec, const MapTargetInfo& target, bool controlled) {
  ContractPlan plan{spec, {}};
  auto& w = plan.spec.weights;
  const auto drop = [&](OpKind k, const std::string& why) {
    double& weight = w[static_cast<int>(k)];
    if (weight <= 0) return;
    weight = 0;
    plan.notes.push_back(std::string(op_name(k)) + " left out of the mix: " + why);
  };
  if (controlled && !target.contract.cheap_iteration) {
    drop(OpKind::kIterate, target.name + "'s iteration walks a large fixed structure, too costly under control");
  }
  if (spec.threads < 2) return plan;
  if (!target.contract.concurrent_erase) {
    drop(OpKind::kErase, target.name + " does not allow erase concurrently with other operations");
  }
  if (!target.contract.iterate_under_writes && writes_in_mix(plan.spec)) {
    drop(OpKind::kIterate, target.name + " does not allow iteration concurrently with writers");
  }
  double total = 0;
  for (double x : w) total += x;
  if (total <= 0) {
    return usage_error("nothing left to run: every operation in the mix is forbidden by " + target.name +
                           "'s concurrency contract",
                       "use --threads 1 or another preset");
  }
  return plan;
}

}  // namespace contend
