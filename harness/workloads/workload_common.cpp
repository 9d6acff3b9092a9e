#include "workloads/workload_common.h"

#include <cstdio>

#include "metrics/rss_linux.h"
#include "runner/stress_run.h"
#include "workloads/allocator.h"

namespace contend::workloads {

void ParamReader::fail(const char* key, const std::string& what) {
  if (!error_) {
    error_ = input_error("preset '" + preset_ + "': field '" + key + "' " + what,
                         "fix the preset file, or pass a preset path with a corrected copy");
  }
}

uint64_t ParamReader::u64(const char* key, uint64_t def) {
  if (!doc_.contains(key)) return def;
  const auto& v = doc_[key];
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) {
    fail(key, "must be a non-negative integer, got " + v.dump());
    return def;
  }
  return v.get<uint64_t>();
}

double ParamReader::number(const char* key, double def, double min, double max) {
  if (!doc_.contains(key)) return def;
  const auto& v = doc_[key];
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
    fail(key, "must be a number in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + v.dump());
    return def;
  }
  return v.get<double>();
}

bool ParamReader::boolean(const char* key, bool def) {
  if (!doc_.contains(key)) return def;
  if (!doc_[key].is_boolean()) {
    fail(key, "must be true or false, got " + doc_[key].dump());
    return def;
  }
  return doc_[key].get<bool>();
}

std::string ParamReader::string(const char* key, const std::string& def) {
  if (!doc_.contains(key)) return def;
  if (!doc_[key].is_string()) {
    fail(key, "must be a string, got " + doc_[key].dump());
    return def;
  }
  return doc_[key].get<std::string>();
}

RunResult start_result(const WorkloadRequest& req, const std::string& workload, unsigned threads) {
  RunResult r;
  fill_environment(r);
  r.allocator = std::string(allocator_name(active_allocator()));
  r.target = req.target;
  r.workload = workload;
  r.threads = threads;
  r.seed = req.seed;
  r.replay_command = req.stress.replay_command;
  return r;
}

MemoryPoint take_memory_point() {
  MemoryPoint p;
  if (auto m = metrics::read_memory_usage(); m.ok()) {
    p.rss_bytes = m->rss_bytes;
    p.anon_bytes = m->anon_bytes;
    p.ok = 1;
  }
  if (auto a = allocator_in_use_bytes()) {
    p.alloc_in_use_bytes = *a;
    p.alloc_known = 1;
  }
  return p;
}

nlohmann::json to_json(const MemoryPoint& p) {
  nlohmann::json j = {{"rss_bytes", p.rss_bytes}, {"anon_bytes", p.anon_bytes}};
  j["alloc_in_use_bytes"] = p.alloc_known ? nlohmann::json(p.alloc_in_use_bytes) : nlohmann::json(nullptr);
  return j;
}

double slope(const std::vector<double>& xs, const std::vector<double>& ys) {
  const std::size_t n = std::min(xs.size(), ys.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

void add_summary(RunResult& r, const std::string& line) {
  r.workload_metrics["summary"].push_back(line);
}

std::string format_mib(double bytes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f MiB", bytes / (1024.0 * 1024.0));
  return buf;
}

}  // namespace contend::workloads
