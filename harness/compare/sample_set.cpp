#include "compare/sample_set.h"

#include <algorithm>
#include <filesystem>

#include "compare/gbench_reader.h"
#include "compare/run_metrics.h"
#include "util/atomic_file.h"

namespace contend {

void SampleSet::add(std::string key, Sample s) {
  auto& c = cells[key];
  c.key = std::move(key);
  c.samples.push_back(std::move(s));
}

std::string cell_key(const RunResult& r) {
  std::string k = r.target + " " + r.workload + "/" + r.params.value("preset", std::string("?")) + " t" +
                  std::to_string(r.threads);
  if (r.allocator != "glibc" && !r.allocator.empty()) k += " " + r.allocator;
  if (r.mode != "stress") k += " " + r.mode;
  return k;
}

namespace {

Sample sample_of(RunResult r, const std::string& path) {
  Sample s;
  s.source = path;
  s.metrics = run_metrics(r);
  s.outcome = r.outcome;
  s.duration_s = r.duration_s;
  // The first violation's sentence names thread, key, expected and actual: the most useful line.
  s.failure = r.violations.empty() ? r.outcome_detail : r.violations.front().kind + ": " + r.violations.front().detail;
  for (const auto& v : r.violations) {
    if (std::find(s.violation_kinds.begin(), s.violation_kinds.end(), v.kind) == s.violation_kinds.end()) {
      s.violation_kinds.push_back(v.kind);
    }
  }
  s.run = std::make_shared<const RunResult>(std::move(r));
  return s;
}

Status load_file(const std::string& path, SampleSet& set) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {
    return input_error(path + ": not valid JSON (" + std::string(text->empty() ? "empty file" : "truncated or malformed") +
                           "): " + e.what(),
                       "rerun the command that wrote it; result files are written atomically, so a partial one "
                       "was copied or edited");
  }
  if (is_gbench_json(j)) {
    if (auto st = read_gbench_json(j, path, set); !st.ok()) return st.error();
    set.format = set.format.empty() || set.format == "gbench" ? "gbench" : "mixed";
    return Ok{};
  }
  auto r = result_from_json(j, path);
  if (!r.ok()) return r.error();
  const std::string key = cell_key(*r);
  set.add(key, sample_of(std::move(*r), path));
  set.format = set.format.empty() || set.format == "contend" ? "contend" : "mixed";
  return Ok{};
}

}  // namespace

Result<SampleSet> load_samples(const std::string& path) {
  namespace fs = std::filesystem;
  SampleSet set;
  set.origin = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return io_error("'" + path + "' does not exist", "pass a result JSON or a folder of them");
  if (!fs::is_directory(path, ec)) {
    if (auto st = load_file(path, set); !st.ok()) return st.error();
    return set;
  }
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path().string());
  }
  if (ec) return io_error("cannot list '" + path + "': " + ec.message());
  std::sort(files.begin(), files.end());  // deterministic sample order
  if (files.empty()) return input_error("'" + path + "' holds no .json files", "pass a folder written by contend run/matrix");
  for (const auto& f : files) {
    if (auto st = load_file(f, set); !st.ok()) return st.error();
  }
  return set;
}

}  // namespace contend
