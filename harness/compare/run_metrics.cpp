#include "compare/run_metrics.h"

namespace contend {

namespace {
void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, double>& out) {
  if (j.is_number()) {
    out[prefix] = j.get<double>();
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) flatten(it.value(), prefix + "." + it.key(), out);
  }  // strings, arrays (series), booleans: not comparable figures
}
}  // namespace

std::map<std::string, double> run_metrics(const RunResult& r) {
  std::map<std::string, double> m;
  m["throughput_ops_s"] = r.throughput_ops_s;
  for (const auto& [op, l] : r.latency_ns) {
    if (l.count == 0) continue;
    const std::string p = "latency." + op + ".";
    m[p + "p50"] = double(l.p50);
    m[p + "p90"] = double(l.p90);
    m[p + "p99"] = double(l.p99);
    m[p + "p999"] = double(l.p999);
    m[p + "max"] = double(l.max);
    m[p + "mean"] = l.mean;
  }
  m["rss.peak_bytes"] = double(r.rss.peak_bytes);
  m["rss.slope_bytes_per_s"] = r.rss.slope_bytes_per_s;
  m["rss.alloc_slope_bytes_per_s"] = r.rss.alloc_slope_bytes_per_s;
  flatten(r.workload_metrics, "workload_metrics", m);
  return m;
}

}  // namespace contend
