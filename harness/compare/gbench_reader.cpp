#include "compare/gbench_reader.h"

#include <set>

namespace contend {

namespace {
double to_ns(double v, const std::string& unit) {
  if (unit == "us") return v * 1e3;
  if (unit == "ms") return v * 1e6;
  if (unit == "s") return v * 1e9;
  return v;  // "ns"
}

// Keys of an entry that are bookkeeping, not measurements; every other number is a counter.
const std::set<std::string>& non_metric_keys() {
  static const std::set<std::string> k{"family_index", "per_family_instance_index", "repetitions",
                                       "repetition_index", "threads", "iterations"};
  return k;
}
}  // namespace

bool is_gbench_json(const nlohmann::json& j) {
  return j.is_object() && j.contains("benchmarks") && j.contains("context");
}

Status read_gbench_json(const nlohmann::json& j, const std::string& where, SampleSet& set) {
  if (!j.at("benchmarks").is_array()) return input_error(where + ": 'benchmarks' is not an array");
  std::set<std::string> with_iterations;
  for (const auto& b : j.at("benchmarks")) {
    if (b.is_object() && b.value("run_type", std::string("iteration")) == "iteration") {
      with_iterations.insert(b.value("run_name", b.value("name", std::string())));
    }
  }
  std::size_t index = 0;
  for (const auto& b : j.at("benchmarks")) {
    const std::string entry = where + ": benchmarks[" + std::to_string(index++) + "]";
    if (!b.is_object() || !b.contains("name") || !b.at("name").is_string()) {
      return input_error(entry + ": not a benchmark entry (no 'name')");
    }
    const std::string run_name = b.value("run_name", b.at("name").get<std::string>());
    const std::string type = b.value("run_type", std::string("iteration"));
    if (type == "aggregate") {
      if (with_iterations.count(run_name) || b.value("aggregate_name", std::string()) != "median") continue;
    }
    Sample s;
    s.source = where + " [" + b.at("name").get<std::string>() + "]";
    if (b.value("error_occurred", false)) {
      s.outcome = Outcome::kCrash;
      s.failure = "benchmark error: " + b.value("error_message", std::string("(no message)"));
      s.violation_kinds.push_back("error");
    }
    const std::string unit = b.value("time_unit", std::string("ns"));
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!it.value().is_number() || non_metric_keys().count(it.key())) continue;
      double v = it.value().get<double>();
      if (it.key() == "real_time" || it.key() == "cpu_time") v = to_ns(v, unit);
      s.metrics[it.key()] = v;
    }
    if (s.outcome == Outcome::kOk && !s.metrics.count("real_time")) {
      return input_error(entry + " ('" + run_name + "'): no real_time");
    }
    set.add(run_name, std::move(s));
  }
  return Ok{};
}

}  // namespace contend
