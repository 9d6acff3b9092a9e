#include "compare/thresholds.h"

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"

namespace contend {

bool glob_match(std::string_view p, std::string_view t) {
  // Iterative matcher with backtracking to the last '*' (linear in practice for short names).
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && p[pi] == t[ti]) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

std::string_view better_name(Better b) {
  switch (b) {
    case Better::kLower: return "lower";
    case Better::kHigher: return "higher";
    case Better::kNone: return "none";
  }
  return "?";
}

MetricRule Thresholds::rule_for(std::string_view metric) const {
  for (const auto& r : rules) {
    if (glob_match(r.match, metric)) return r;
  }
  return MetricRule{std::string(metric), Better::kNone, 0, 0};
}

Thresholds default_thresholds() {
  constexpr double kMiB = 1024.0 * 1024.0;
  Thresholds t;
  t.rules = {
      // contend result JSON (metric names: compare/run_metrics.h)
      {"throughput_ops_s", Better::kHigher, 0.10, 0},
      {"latency.*.p50", Better::kLower, 0.10, 20},     // 20 ns: below the clock's resolution floor
      // Tails move with preemption on a loaded 2-core machine: an unchanged tree showed p90 shifts
      // of 17-23 % at p ~ 0.02-0.05 in A/A gates, so the tail thresholds sit above that.
      {"latency.*.p90", Better::kLower, 0.30, 20},
      {"latency.*.p99", Better::kLower, 0.30, 50},
      {"latency.*.p999", Better::kLower, 0.50, 200},
      {"latency.*.max", Better::kNone, 0, 0},          // one preemption decides it
      {"latency.*.mean", Better::kNone, 0, 0},         // dominated by max outliers
      {"latency.*.count", Better::kNone, 0, 0},
      {"rss.peak_bytes", Better::kLower, 0.10, 1 * kMiB},
      {"rss.slope_bytes_per_s", Better::kLower, 0.25, 1 * kMiB},
      {"rss.alloc_slope_bytes_per_s", Better::kLower, 0.25, 1 * kMiB},
      {"workload_metrics.*retained*", Better::kLower, 0.10, 64 * 1024},
      {"workload_metrics.*", Better::kNone, 0, 0},
      // Google Benchmark JSON (per-repetition entries)
      {"real_time", Better::kLower, 0.10, 0},
      {"cpu_time", Better::kLower, 0.10, 0},
      {"items_per_second", Better::kHigher, 0.10, 0},
      {"bytes_per_second", Better::kHigher, 0.10, 0},
  };
  return t;
}

Result<Thresholds> parse_thresholds(std::string_view text, const std::string& where) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return input_error(where + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) return input_error(where + ": the thresholds config must be a JSON object");
  Thresholds t = default_thresholds();
  try {
    if (j.contains("alpha")) t.alpha = j.at("alpha").get<double>();
    if (j.contains("min_repetitions")) t.min_repetitions = j.at("min_repetitions").get<int>();
    if (j.contains("warn_repetitions")) t.warn_repetitions = j.at("warn_repetitions").get<int>();
    std::vector<MetricRule> mine;
    for (const auto& m : j.value("metrics", nlohmann::json::array())) {
      MetricRule r;
      r.match = m.at("match").get<std::string>();
      const auto b = m.value("better", std::string("lower"));
      if (b == "lower") r.better = Better::kLower;
      else if (b == "higher") r.better = Better::kHigher;
      else if (b == "none") r.better = Better::kNone;
      else return input_error(where + ": metric '" + r.match + "': better is '" + b + "'", "use lower, higher or none");
      r.rel = m.value("rel", 0.10);
      r.abs = m.value("abs", 0.0);
      if (r.rel < 0 || r.abs < 0) return input_error(where + ": metric '" + r.match + "': rel and abs must be >= 0");
      mine.push_back(std::move(r));
    }
    t.rules.insert(t.rules.begin(), mine.begin(), mine.end());
  } catch (const nlohmann::json::exception& e) {
    return input_error(where + ": bad thresholds config: " + e.what());
  }
  if (!(t.alpha > 0 && t.alpha < 1)) return input_error(where + ": alpha must be in (0, 1)");
  if (t.min_repetitions < 1) return input_error(where + ": min_repetitions must be >= 1");
  return t;
}

Result<Thresholds> load_thresholds(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return parse_thresholds(*text, path);
}

}  // namespace contend
