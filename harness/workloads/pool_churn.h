// pool-churn: object-pool churn against a pool target (failure-modes.md section 3). Each worker
// acquires objects, uses them (writes its owner tag across the payload), holds `hold_objects`
// of them at once (1: short-lived, release right after use; larger: long-lived, release the
// oldest), hands `cross_thread_fraction` of its releases to the next worker to release (acquire
// and release in different threads) and every `burst_every` operations acquires `burst_size`
// objects at once then releases them. Every acquire and release goes through pool_checker.h.
// Figures: hit rate, allocations per acquire, objects retained, RSS slope, per-op latency.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "report/result.h"
#include "runner/stress_run.h"
#include "runner/workload.h"
#include "targets/pool_registry.h"

namespace contend::workloads {

struct PoolChurnSpec {
  std::string preset = "default";
  uint32_t threads = 2;
  uint64_t ops_per_thread = 200'000;  // acquires per thread (0: run for duration_s)
  double duration_s = 0;
  uint32_t object_size = 256;          // payload bytes
  uint32_t hold_objects = 1;           // objects a worker holds at once
  double cross_thread_fraction = 0.25; // releases done by another worker
  uint32_t burst_every = 1000;         // 0: no bursts
  uint32_t burst_size = 64;
  uint64_t seed = 1;
};

Result<PoolChurnSpec> pool_churn_spec(const WorkloadRequest& req);
nlohmann::json to_json(const PoolChurnSpec& s);
// The most objects held at once under `s` (holds, bursts and the hand-off mailboxes).
uint64_t max_held(const PoolChurnSpec& s);

RunResult run_pool_churn(const PoolTargetInfo& pool, const PoolChurnSpec& spec, const StressOptions& opts,
                         const WorkloadRequest& req);

}  // namespace contend::workloads
