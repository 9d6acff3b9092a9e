#include "workloads/compare_shapes.h"

#include <cstdio>
#include <string>

namespace contend::workloads {

namespace {
double num(const nlohmann::json& j, const char* k) { return j.contains(k) && j[k].is_number() ? j[k].get<double>() : 0; }
}  // namespace

void print_shape_comparison(std::ostream& out, const RunResult& a, const RunResult& b) {
  struct Row {
    std::string name;
    double x, y;
    bool bytes;
  };
  auto lat = [](const RunResult& r, uint64_t LatencySummary::*f) {
    const auto it = r.latency_ns.find("request");
    return it == r.latency_ns.end() ? 0.0 : static_cast<double>(it->second.*f) / 1e3;
  };
  auto svc = [](const RunResult& r) {
    const auto& s = r.workload_metrics;
    return s.contains("service_ns") && s["service_ns"].contains("request") ? num(s["service_ns"]["request"], "p99") / 1e3 : 0;
  };
  const auto& wa = a.workload_metrics;
  const auto& wb = b.workload_metrics;
  const Row rows[] = {
      {"request p50 (us)", lat(a, &LatencySummary::p50), lat(b, &LatencySummary::p50), false},
      {"request p90 (us)", lat(a, &LatencySummary::p90), lat(b, &LatencySummary::p90), false},
      {"request p99 (us)", lat(a, &LatencySummary::p99), lat(b, &LatencySummary::p99), false},
      {"request p99.9 (us)", lat(a, &LatencySummary::p999), lat(b, &LatencySummary::p999), false},
      {"request max (us)", lat(a, &LatencySummary::max), lat(b, &LatencySummary::max), false},
      {"service p99 (us)", svc(a), svc(b), false},
      {"requests", a.latency_ns.count("request") ? double(a.latency_ns.at("request").count) : 0,
       b.latency_ns.count("request") ? double(b.latency_ns.at("request").count) : 0, false},
      {"rss start (MiB)", num(wa, "rss_start_bytes"), num(wb, "rss_start_bytes"), true},
      {"rss peak (MiB)", double(a.rss.peak_bytes), double(b.rss.peak_bytes), true},
      {"rss growth (MiB)", num(wa, "rss_growth_bytes"), num(wb, "rss_growth_bytes"), true},
      {"rss slope (MiB/s)", a.rss.slope_bytes_per_s, b.rss.slope_bytes_per_s, true},
      {"live keys at end", num(wa, "live_keys_at_end"), num(wb, "live_keys_at_end"), false},
      {"retained after cleanup (MiB)", num(wa, "retained_after_cleanup_bytes"), num(wb, "retained_after_cleanup_bytes"),
       true},
  };
  char line[256];
  std::snprintf(line, sizeof line, "%-30s %16s %16s %10s\n", "", (a.workload + "/" + a.target).substr(0, 16).c_str(),
                (b.workload + "/" + b.target).substr(0, 16).c_str(), "B/A");
  out << line;
  for (const auto& r : rows) {
    const double x = r.bytes ? r.x / (1024.0 * 1024.0) : r.x, y = r.bytes ? r.y / (1024.0 * 1024.0) : r.y;
    char ratio[32] = "-";
    if (x != 0) std::snprintf(ratio, sizeof ratio, "%.2fx", y / x);
    std::snprintf(line, sizeof line, "%-30s %16.2f %16.2f %10s\n", r.name.c_str(), x, y, ratio);
    out << line;
  }
  if (a.target != b.target) out << "note: different targets (" << a.target << " vs " << b.target << ")\n";
  out << "allocator " << a.allocator << " / " << b.allocator << ", durations " << a.duration_s << " s / " << b.duration_s
      << " s\n";
}

}  // namespace contend::workloads
