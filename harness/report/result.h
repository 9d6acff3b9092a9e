// RunResult: one run's result, the interchange format of contend (results/README.md documents
// the JSON form, schema version kResultSchema). Everything needed to understand and replay the
// run is here: the resolved workload parameters, seed, target, machine, build, outcome.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/violation_log.h"
#include "util/error.h"
#include "util/outcome.h"

namespace contend {

inline constexpr int kResultSchema = 1;

struct LatencySummary {
  uint64_t count = 0;  // operations executed
  uint64_t p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0;  // ns, over the timed sample; within 1.6%
  double mean = 0;
  uint64_t sampled = 0;  // operations timed (every latency_sample_every-th, plus the history prefix)
};

struct RssPoint {
  double t_s = 0;
  uint64_t rss_bytes = 0;
  uint64_t alloc_bytes = 0;
};

struct RssResult {
  uint64_t start_bytes = 0, peak_bytes = 0, end_bytes = 0;
  double slope_bytes_per_s = 0;
  uint64_t samples = 0;
  uint64_t alloc_start_bytes = 0, alloc_end_bytes = 0;  // allocator in-use (mallinfo2)
  double alloc_slope_bytes_per_s = 0;
  std::vector<RssPoint> series;  // at most kMaxSeries points, evenly thinned
  static constexpr std::size_t kMaxSeries = 200;
};

struct RunResult {
  int schema = kResultSchema;
  std::string contend_version;
  std::string git_sha;
  std::string cpu_model;
  unsigned cores = 0;
  std::string allocator = "glibc";
  std::string clock_source;

  std::string target;
  std::string workload;
  nlohmann::json params;           // the resolved workload spec
  unsigned threads = 0;
  uint64_t seed = 0;
  std::string mode = "stress";     // stress | controlled
  double duration_s = 0;           // wall time of the measured phase
  std::vector<std::string> notes;  // contract adjustments and other caveats

  uint64_t total_ops = 0;
  uint32_t latency_sample_every = 1;  // every N-th op per thread was timed
  double throughput_ops_s = 0;
  std::map<std::string, LatencySummary> latency_ns;  // by op name
  RssResult rss;
  std::vector<Violation> violations;  // the first ViolationLog::kCapacity in full
  uint64_t violations_total = 0;
  // Linearizability of the recorded prefix of the history (empty verdict: nothing recorded).
  uint64_t history_ops_checked = 0;
  std::string history_verdict;
  bool history_truncated = false;

  nlohmann::json workload_metrics = nlohmann::json::object();  // workload-specific figures
  nlohmann::json controlled;  // mode "controlled" only: strategy, executions, failures (explore)

  Outcome outcome = Outcome::kOk;
  std::string outcome_detail;
  int signal = 0;
  std::string replay_command;  // the exact command that reruns this
};

nlohmann::json to_json(const RunResult& r);
// Parses and validates a result document; `where` names the source in errors. A document with a
// different schema version is an input error that names both versions.
Result<RunResult> result_from_json(const nlohmann::json& j, const std::string& where);
Result<RunResult> read_result_file(const std::string& path);
Status write_result_file(const std::string& path, const RunResult& r);

}  // namespace contend
