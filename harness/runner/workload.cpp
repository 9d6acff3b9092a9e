#include "runner/workload.h"

#include "util/check.h"

namespace contend {

WorkloadRegistry& WorkloadRegistry::instance() {
  static WorkloadRegistry r;
  return r;
}

void WorkloadRegistry::add(WorkloadInfo info) {
  CONTEND_CHECK(find(info.name) == nullptr) << "workload registered twice: " << info.name;
  workloads_.push_back(std::move(info));
}

const WorkloadInfo* WorkloadRegistry::find(std::string_view name) const {
  for (const auto& w : workloads_) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

}  // namespace contend
