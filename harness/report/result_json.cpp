#include <nlohmann/json.hpp>

#include "report/result.h"
#include "util/atomic_file.h"

namespace contend {

using nlohmann::json;

json to_json(const RunResult& r) {
  json lat = json::object();
  for (const auto& [op, l] : r.latency_ns) {
    lat[op] = {{"count", l.count}, {"p50", l.p50}, {"p90", l.p90}, {"p99", l.p99},
               {"p999", l.p999}, {"max", l.max}, {"mean", l.mean}, {"sampled", l.sampled}};
  }
  json series = json::array();
  for (const auto& p : r.rss.series) series.push_back({p.t_s, p.rss_bytes, p.alloc_bytes});
  json violations = json::array();
  for (const auto& v : r.violations) {
    json jv = {{"kind", v.kind}, {"detail", v.detail}};
    if (v.thread >= 0) jv["thread"] = v.thread;
    if (v.has_key) jv["key"] = v.key;
    violations.push_back(jv);
  }
  json out = {
      {"schema", r.schema},
      {"contend_version", r.contend_version},
      {"git_sha", r.git_sha},
      {"machine", {{"cpu_model", r.cpu_model}, {"cores", r.cores}}},
      {"allocator", r.allocator},
      {"clock_source", r.clock_source},
      {"run",
       {{"target", r.target}, {"workload", r.workload}, {"params", r.params}, {"threads", r.threads},
        {"seed", r.seed}, {"mode", r.mode}, {"duration_s", r.duration_s}, {"notes", r.notes}}},
      {"total_ops", r.total_ops},
      {"throughput_ops_s", r.throughput_ops_s},
      {"latency_sample_every", r.latency_sample_every},
      {"latency_ns", lat},
      {"rss",
       {{"start_bytes", r.rss.start_bytes}, {"peak_bytes", r.rss.peak_bytes}, {"end_bytes", r.rss.end_bytes},
        {"slope_bytes_per_s", r.rss.slope_bytes_per_s}, {"samples", r.rss.samples},
        {"alloc_start_bytes", r.rss.alloc_start_bytes}, {"alloc_end_bytes", r.rss.alloc_end_bytes},
        {"alloc_slope_bytes_per_s", r.rss.alloc_slope_bytes_per_s}, {"series_columns", {"t_s", "rss_bytes", "alloc_bytes"}},
        {"series", series}}},
      {"violations", violations},
      {"violations_total", r.violations_total},
      {"linearizability",
       {{"ops_checked", r.history_ops_checked}, {"verdict", r.history_verdict}, {"truncated", r.history_truncated}}},
      {"workload_metrics", r.workload_metrics},
      {"outcome", outcome_name(r.outcome)},
      {"outcome_detail", r.outcome_detail},
      {"replay_command", r.replay_command},
  };
  if (r.signal != 0) out["signal"] = r.signal;
  if (!r.controlled.is_null()) out["controlled"] = r.controlled;
  return out;
}

namespace {

// Reads j[path...] with a type check; every failure names the JSON path.
struct Reader {
  const std::string& where;
  std::string error;

  template <class T>
  void get(const json& j, const char* key, T& out, const std::string& path, bool required = true) {
    if (!error.empty()) return;
    if (!j.is_object() || !j.contains(key)) {
      if (required) error = where + ": missing field '" + path + key + "'";
      return;
    }
    try {
      out = j.at(key).get<T>();
    } catch (const json::exception&) {
      error = where + ": field '" + path + key + "' has the wrong type (" + j.at(key).dump().substr(0, 60) + ")";
    }
  }
};

}  // namespace

Result<RunResult> result_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) return input_error(where + ": a result must be a JSON object");
  RunResult r;
  Reader rd{where, {}};
  rd.get(j, "schema", r.schema, "");
  if (rd.error.empty() && r.schema != kResultSchema) {
    return input_error(where + ": result schema version " + std::to_string(r.schema) + ", this contend reads " +
                           std::to_string(kResultSchema),
                       "re-run with this contend version, or compare with the contend that wrote it");
  }
  std::string outcome;
  rd.get(j, "contend_version", r.contend_version, "");
  rd.get(j, "git_sha", r.git_sha, "", false);
  rd.get(j, "allocator", r.allocator, "", false);
  rd.get(j, "clock_source", r.clock_source, "", false);
  if (j.contains("machine")) {
    rd.get(j["machine"], "cpu_model", r.cpu_model, "machine.", false);
    rd.get(j["machine"], "cores", r.cores, "machine.", false);
  }
  if (!j.contains("run") || !j["run"].is_object()) return input_error(where + ": missing object field 'run'");
  const json& run = j["run"];
  rd.get(run, "target", r.target, "run.");
  rd.get(run, "workload", r.workload, "run.");
  rd.get(run, "params", r.params, "run.", false);
  rd.get(run, "threads", r.threads, "run.");
  rd.get(run, "seed", r.seed, "run.");
  rd.get(run, "mode", r.mode, "run.");
  rd.get(run, "duration_s", r.duration_s, "run.");
  rd.get(run, "notes", r.notes, "run.", false);
  rd.get(j, "total_ops", r.total_ops, "", false);
  rd.get(j, "latency_sample_every", r.latency_sample_every, "", false);
  rd.get(j, "throughput_ops_s", r.throughput_ops_s, "");
  rd.get(j, "outcome", outcome, "");
  rd.get(j, "outcome_detail", r.outcome_detail, "", false);
  rd.get(j, "replay_command", r.replay_command, "", false);
  rd.get(j, "signal", r.signal, "", false);
  rd.get(j, "violations_total", r.violations_total, "", false);
  if (!rd.error.empty()) return input_error(rd.error);
  const json lat = j.value("latency_ns", json::object());
  if (!lat.is_object()) return input_error(where + ": field 'latency_ns' must be an object");
  for (const auto& [op, l] : lat.items()) {
    LatencySummary s;
    const std::string p = "latency_ns." + op + ".";
    rd.get(l, "count", s.count, p);
    rd.get(l, "p50", s.p50, p);
    rd.get(l, "p90", s.p90, p);
    rd.get(l, "p99", s.p99, p);
    rd.get(l, "p999", s.p999, p);
    rd.get(l, "max", s.max, p);
    rd.get(l, "mean", s.mean, p, false);
    rd.get(l, "sampled", s.sampled, p, false);
    r.latency_ns[op] = s;
  }
  const json rss = j.value("rss", json::object());
  rd.get(rss, "start_bytes", r.rss.start_bytes, "rss.");
  rd.get(rss, "peak_bytes", r.rss.peak_bytes, "rss.");
  rd.get(rss, "end_bytes", r.rss.end_bytes, "rss.");
  rd.get(rss, "slope_bytes_per_s", r.rss.slope_bytes_per_s, "rss.");
  rd.get(rss, "samples", r.rss.samples, "rss.");
  rd.get(rss, "alloc_start_bytes", r.rss.alloc_start_bytes, "rss.", false);
  rd.get(rss, "alloc_end_bytes", r.rss.alloc_end_bytes, "rss.", false);
  rd.get(rss, "alloc_slope_bytes_per_s", r.rss.alloc_slope_bytes_per_s, "rss.", false);
  std::vector<std::tuple<double, uint64_t, uint64_t>> series;
  rd.get(rss, "series", series, "rss.", false);
  for (const auto& [t, b, a] : series) r.rss.series.push_back({t, b, a});
  const json vs = j.value("violations", json::array());
  if (!vs.is_array()) return input_error(where + ": field 'violations' must be an array");
  for (const auto& v : vs) {
    Violation x;
    rd.get(v, "kind", x.kind, "violations[].");
    rd.get(v, "detail", x.detail, "violations[].", false);
    rd.get(v, "thread", x.thread, "violations[].", false);
    x.has_key = v.is_object() && v.contains("key");
    rd.get(v, "key", x.key, "violations[].", false);
    r.violations.push_back(x);
  }
  if (j.contains("controlled")) r.controlled = j["controlled"];
  if (j.contains("workload_metrics")) {
    if (!j["workload_metrics"].is_object()) return input_error(where + ": field 'workload_metrics' must be an object");
    r.workload_metrics = j["workload_metrics"];
  }
  if (j.contains("linearizability")) {
    const json& lin = j["linearizability"];
    rd.get(lin, "ops_checked", r.history_ops_checked, "linearizability.", false);
    rd.get(lin, "verdict", r.history_verdict, "linearizability.", false);
    rd.get(lin, "truncated", r.history_truncated, "linearizability.", false);
  }
  if (!rd.error.empty()) return input_error(rd.error);
  auto o = parse_outcome(outcome);
  if (!o) return input_error(where + ": unknown outcome '" + outcome + "'");
  r.outcome = *o;
  if (r.violations_total < r.violations.size()) r.violations_total = r.violations.size();
  return r;
}

Result<RunResult> read_result_file(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return input_error(path + ": not valid JSON (truncated or corrupt result file)",
                       "re-run the command that produced it; results are written atomically, so a "
                       "truncated file was not written by contend");
  }
  return result_from_json(j, path);
}

Status write_result_file(const std::string& path, const RunResult& r) {
  return write_file_atomically(path, to_json(r).dump(2) + "\n");
}

}  // namespace contend
