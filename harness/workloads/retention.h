// retention: "delete does not give memory back" (failure-modes.md section 2). Fills a map target
// to `keys` keys, erases `erase_fraction` of them, repeats for `cycles` cycles (new keys each
// cycle unless `reuse_keys`), then purges the allocator and finally destroys the map. Process
// memory (smaps_rollup RSS and anonymous bytes, allocator in-use bytes) is checkpointed at
// empty, each cycle's peak and after-erase, after the purge and after destroying the map.
// Figures: retained bytes after the last erase, the per-cycle ratchet, what the purge released.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "report/result.h"
#include "runner/stress_run.h"
#include "runner/workload.h"
#include "targets/registry.h"

namespace contend::workloads {

struct RetentionSpec {
  std::string preset = "default";
  uint64_t keys = 1'000'000;      // keys inserted per cycle (--ops overrides)
  double erase_fraction = 1.0;   // fraction of each cycle's keys erased, chosen by the seed
  uint32_t cycles = 3;           // fill/erase cycles
  uint32_t threads = 1;          // workers; each fills and erases its own share of the keys
  bool reuse_keys = false;       // true: every cycle uses the same keys
  bool main_thread = false;      // threads == 1 only: fill/erase on the process's main thread
  uint64_t seed = 1;
};

Result<RetentionSpec> retention_spec(const WorkloadRequest& req);
nlohmann::json to_json(const RetentionSpec& s);

// Runs the workload on `target` (isolated per opts.isolation). Never fails after the spec is
// valid: a crashing target becomes the result's outcome.
RunResult run_retention(const MapTargetInfo& target, const RetentionSpec& spec, const StressOptions& opts,
                        const WorkloadRequest& req);

}  // namespace contend::workloads
