// Helpers every registered workload in this module shares: typed reads of preset parameters with
// errors that name the preset and field, the result skeleton (environment, target, allocator,
// seed, replay), the outcome after an isolated child ended, memory checkpoints, and the
// `workload_metrics.summary` lines that `contend run` prints under its generic summary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/result.h"
#include "runner/isolated_run.h"
#include "runner/workload.h"
#include "util/error.h"

namespace contend::workloads {

// Reads fields of a preset document. The first bad field is kept as an input error naming the
// preset and the field; later reads return their defaults. Check error() once after reading.
class ParamReader {
 public:
  ParamReader(const nlohmann::json& doc, std::string preset_name) : doc_(doc), preset_(std::move(preset_name)) {}
  uint64_t u64(const char* key, uint64_t def);
  double number(const char* key, double def, double min, double max);
  bool boolean(const char* key, bool def);
  std::string string(const char* key, const std::string& def);
  const std::optional<Error>& error() const { return error_; }

 private:
  void fail(const char* key, const std::string& what);
  const nlohmann::json& doc_;
  std::string preset_;
  std::optional<Error> error_;
};

// A RunResult with environment, target, workload, threads, seed, allocator and replay command.
RunResult start_result(const WorkloadRequest& req, const std::string& workload, unsigned threads);

// Process memory at one instant. Trivially copyable so checkpoints can live in shared memory.
struct MemoryPoint {
  uint64_t rss_bytes = 0;
  uint64_t anon_bytes = 0;
  uint64_t alloc_in_use_bytes = 0;
  uint32_t alloc_known = 0;  // 0: the allocator reports no in-use figure
  uint32_t ok = 0;           // 0: /proc could not be read
};
MemoryPoint take_memory_point();
nlohmann::json to_json(const MemoryPoint& p);

// Least-squares slope of ys against xs (0 when fewer than 2 distinct xs).
double slope(const std::vector<double>& xs, const std::vector<double>& ys);

// Appends a line to r.workload_metrics["summary"] (printed by `contend run`).
void add_summary(RunResult& r, const std::string& line);
std::string format_mib(double bytes);

}  // namespace contend::workloads
