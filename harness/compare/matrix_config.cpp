#include "compare/matrix_config.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"

namespace contend {

std::string MatrixCell::name() const {
  std::string n = target + " " + workload + "-" + preset + " t" + std::to_string(threads);
  if (!allocator.empty()) n += " " + allocator;
  return n;
}

std::vector<MatrixCell> MatrixConfig::cells() const {
  std::vector<MatrixCell> out;
  const std::vector<std::string> allocs = allocators.empty() ? std::vector<std::string>{""} : allocators;
  for (const auto& t : targets) {
    for (const auto& [w, presets] : workloads) {
      for (const auto& p : presets) {
        for (uint32_t th : threads) {
          for (const auto& a : allocs) out.push_back({t, w, p, a, th});
        }
      }
    }
  }
  return out;
}

Result<MatrixConfig> parse_matrix_config(std::string_view text, const std::string& where, bool allocator_flag_exists) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return input_error(where + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) return input_error(where + ": a matrix config must be a JSON object");
  static const char* const kKeys[] = {"name", "targets", "workloads", "threads", "repetitions",
                                      "duration_s", "seed", "allocators", "extra_args", "comment"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find(std::begin(kKeys), std::end(kKeys), it.key()) == std::end(kKeys)) {
      return input_error(where + ": unknown key '" + it.key() + "'",
                         "known keys: name targets workloads threads repetitions duration_s seed allocators extra_args");
    }
  }
  MatrixConfig c;
  try {
    c.name = j.value("name", c.name);
    c.targets = j.at("targets").get<std::vector<std::string>>();
    for (const auto& w : j.at("workloads")) {
      c.workloads.push_back({w.at("workload").get<std::string>(), w.at("presets").get<std::vector<std::string>>()});
    }
    c.threads = j.value("threads", c.threads);
    c.repetitions = j.value("repetitions", c.repetitions);
    c.duration_s = j.value("duration_s", c.duration_s);
    c.seed = j.value("seed", c.seed);
    c.allocators = j.value("allocators", c.allocators);
    c.extra_args = j.value("extra_args", c.extra_args);
  } catch (const nlohmann::json::exception& e) {
    return input_error(where + ": bad matrix config: " + e.what());
  }
  if (c.targets.empty() || c.workloads.empty() || c.threads.empty()) {
    return input_error(where + ": targets, workloads and threads must each name at least one value");
  }
  for (const auto& [w, p] : c.workloads) {
    if (p.empty()) return input_error(where + ": workload '" + w + "' lists no presets");
  }
  if (c.repetitions == 0 || c.duration_s <= 0) return input_error(where + ": repetitions and duration_s must be > 0");
  if (!c.allocators.empty() && !allocator_flag_exists) {
    return input_error(where + ": 'allocators' is set, but this contend's `run` has no --allocator flag yet",
                       "remove 'allocators' (the allocator dimension arrives with the workloads issue)");
  }
  return c;
}

Result<MatrixConfig> load_matrix_config(const std::string& path, bool allocator_flag_exists) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return parse_matrix_config(*text, path, allocator_flag_exists);
}

}  // namespace contend
