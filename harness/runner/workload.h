// Workload registry: every workload other than map-mix (which has its own typed spec and runner)
// registers here with CONTEND_REGISTER_WORKLOAD, and `contend run --workload NAME` dispatches to
// it. A workload reads its parameters from its preset JSON (workloads/<name>/<preset>.json,
// embedded, or a path), applies the generic flag overrides in WorkloadRequest, runs (normally
// through run_isolated so a crash keeps what was measured) and returns a RunResult whose
// `workload_metrics` holds what is specific to it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/result.h"
#include "runner/stress_run.h"
#include "util/error.h"

namespace contend {

struct WorkloadRequest {
  std::string target;         // a target name of the kind the workload drives (already known to exist)
  std::string preset_name;    // e.g. "default", or the path it was loaded from
  nlohmann::json preset;      // the preset document
  uint32_t threads = 0;       // 0: the preset's value
  uint64_t ops = 0;           // 0: the preset's value
  double duration_s = 0;      // 0: the preset's value
  uint64_t seed = 1;
  StressOptions stress;       // isolation, RSS limit and sampling, replay command
};

enum class TargetKind { kMap, kPool };

struct WorkloadInfo {
  std::string name;         // CLI name, e.g. "retention"
  std::string description;  // one line for `contend list`
  TargetKind target_kind = TargetKind::kMap;
  std::function<Result<RunResult>(const WorkloadRequest&)> run;
};

class WorkloadRegistry {
 public:
  static WorkloadRegistry& instance();
  void add(WorkloadInfo info);
  const WorkloadInfo* find(std::string_view name) const;
  const std::vector<WorkloadInfo>& all() const { return workloads_; }

 private:
  std::vector<WorkloadInfo> workloads_;
};

namespace detail {
struct WorkloadRegistrar {
  explicit WorkloadRegistrar(WorkloadInfo info) { WorkloadRegistry::instance().add(std::move(info)); }
};
}  // namespace detail

}  // namespace contend

// Registers a workload; use once at namespace scope in the workload's .cpp, which must be part
// of an OBJECT library (or the executable) so the registrar is linked.
#define CONTEND_REGISTER_WORKLOAD(NAME, DESCRIPTION, KIND, RUN_FN) \
  CONTEND_DETAIL_REGISTER_WORKLOAD(NAME, DESCRIPTION, KIND, RUN_FN, __LINE__)
#define CONTEND_DETAIL_REGISTER_WORKLOAD(NAME, DESCRIPTION, KIND, RUN_FN, LINE) \
  CONTEND_DETAIL_REGISTER_WORKLOAD2(NAME, DESCRIPTION, KIND, RUN_FN, LINE)
#define CONTEND_DETAIL_REGISTER_WORKLOAD2(NAME, DESCRIPTION, KIND, RUN_FN, LINE) \
  static const ::contend::detail::WorkloadRegistrar contend_workload_registrar_##LINE{ \
      ::contend::WorkloadInfo{NAME, DESCRIPTION, KIND, RUN_FN}}
