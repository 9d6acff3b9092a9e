#include "controlled/schedule_artifact.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>

#include "gen/key_space.h"
#include "util/atomic_file.h"

namespace contend {

namespace {

nlohmann::json ops_json(const std::vector<Op>& ops) {
  nlohmann::json a = nlohmann::json::array();
  for (const Op& op : ops) a.push_back({std::string(op_name(op.kind)), op.key, op.arg});
  return a;
}

// Typed access that reports, never throws: every failure names the artifact and the field.
class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}
  Error error(const std::string& field, const std::string& what) const {
    return input_error(path_ + ": field '" + field + "' " + what, "pass a .sched file written by `contend explore`");
  }
  template <class T>
  Status get(const nlohmann::json& j, const char* field, T& out, bool required = true) const {
    if (!j.contains(field)) return required ? Status(error(field, "is missing")) : Status(Ok{});
    const auto& v = j.at(field);
    if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) return error(field, "must be a string");
      out = v.get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean()) return error(field, "must be true or false");
      out = v.get<bool>();
    } else {
      if (!v.is_number_unsigned()) return error(field, "must be a non-negative integer");
      out = v.get<T>();
    }
    return Ok{};
  }

  Result<std::vector<Op>> ops(const nlohmann::json& j, const std::string& field, const MapMixSpec& spec,
                              std::size_t max) const {
    if (!j.is_array()) return error(field, "must be an array of [kind, key, arg] operations");
    if (j.size() > max) return error(field, "has " + std::to_string(j.size()) + " operations, at most " +
                                                std::to_string(max) + " are allowed");
    std::vector<Op> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const auto& o = j[i];
      const std::string f = field + "[" + std::to_string(i) + "]";
      if (!o.is_array() || o.size() != 3 || !o[0].is_string() || !o[1].is_number_unsigned() ||
          !o[2].is_number_integer()) {
        return error(f, "must be [kind, key, arg] with a string kind, a non-negative key and an integer arg");
      }
      const auto name = o[0].get<std::string>();
      const auto it = std::find(kOpNames.begin(), kOpNames.end(), name);
      if (it == kOpNames.end()) return error(f, "has unknown operation '" + name + "'");
      Op op{static_cast<OpKind>(it - kOpNames.begin()), o[1].get<Key>(), o[2].get<Value>()};
      const bool keyed = op.kind != OpKind::kIterate && op.kind != OpKind::kSize;
      if (keyed && !key_in_layout(spec, op.key)) {
        return error(f, "has key " + std::to_string(op.key) + ", which the spec's key layout cannot hold");
      }
      out.push_back(op);
    }
    return out;
  }

 private:
  const std::string& path_;
};

}  // namespace

bool key_in_layout(const MapMixSpec& spec, Key k) {
  if (is_counter_key(k)) return (k & 0xffffffffULL) < spec.counter_keys && (k >> 32 & 0xffffffULL) == 0;
  if (is_private_key(k)) return private_owner(k) < spec.threads && private_index(k) < spec.private_keys;
  return k < spec.key_space;
}

nlohmann::json to_json(const ScheduleArtifact& a) {
  nlohmann::json threads = nlohmann::json::array();
  for (const auto& t : a.program.ops) threads.push_back(ops_json(t));
  return {{"format", "contend-schedule"},
          {"version", kScheduleArtifactVersion},
          {"build_id", a.build_id},
          {"contend_version", a.contend_version},
          {"target", a.target},
          {"workload", a.workload},
          {"spec", to_json(a.spec)},
          {"scenario", {{"init", ops_json(a.program.init)}, {"threads", threads}, {"post", ops_json(a.program.post)}}},
          {"strategy", a.strategy},
          {"seed", a.seed},
          {"scenario_index", a.scenario},
          {"interleaving", a.interleaving},
          {"execution", a.execution},
          {"minimized", a.minimized},
          {"schedule", a.schedule},
          {"outcome", outcome_name(a.outcome)},
          {"detail", a.detail}};
}

Result<ScheduleArtifact> read_schedule_artifact(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  if (text->empty()) {
    return input_error(path + ": empty file, not a schedule artifact",
                       "an explore that was killed while writing leaves an empty artifact; re-run it");
  }
  auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return input_error(path + ": not a schedule artifact (not a JSON object, or truncated)",
                       "pass a .sched file written by `contend explore`");
  }
  return schedule_artifact_from_json(j, path);
}

Result<ScheduleArtifact> schedule_artifact_from_json(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object()) return input_error(path + ": not a schedule artifact (not a JSON object)");
  const Reader rd(path);
  std::string format;
  if (auto st = rd.get(j, "format", format); !st.ok()) return st.error();
  if (format != "contend-schedule") return rd.error("format", "is '" + format + "', expected 'contend-schedule'");
  uint64_t version = 0;
  if (auto st = rd.get(j, "version", version); !st.ok()) return st.error();
  if (version != kScheduleArtifactVersion) {
    return input_error(path + ": schedule artifact version " + std::to_string(version) + ", this contend reads " +
                           std::to_string(kScheduleArtifactVersion),
                       version == 1 ? "version 1 artifacts regenerate their scenario from a spec that newer "
                                      "generators do not reproduce; re-run `contend explore` with this build"
                                    : "replay it with the contend that wrote it");
  }
  ScheduleArtifact a;
  std::string outcome;
  for (Status st : {rd.get(j, "build_id", a.build_id), rd.get(j, "contend_version", a.contend_version, false),
                    rd.get(j, "target", a.target), rd.get(j, "workload", a.workload, false),
                    rd.get(j, "strategy", a.strategy), rd.get(j, "seed", a.seed),
                    rd.get(j, "scenario_index", a.scenario, false), rd.get(j, "interleaving", a.interleaving, false),
                    rd.get(j, "execution", a.execution), rd.get(j, "minimized", a.minimized, false),
                    rd.get(j, "schedule", a.schedule), rd.get(j, "outcome", outcome),
                    rd.get(j, "detail", a.detail, false)}) {
    if (!st.ok()) return st.error();
  }
  auto o = parse_outcome(outcome);
  if (!o) return rd.error("outcome", "is '" + outcome + "', not an outcome contend reports");
  a.outcome = *o;
  if (!j.contains("spec") || !j["spec"].is_object()) return rd.error("spec", "must be an object");
  auto spec_json = j["spec"];
  spec_json.erase("preset");
  a.spec.preset = "artifact";
  if (auto st = apply_json(spec_json, a.spec, path + " (spec)"); !st.ok()) return st.error();
  if (auto st = validate(a.spec); !st.ok()) return input_error(path + ": invalid spec: " + st.error().message);
  if (!j.contains("scenario") || !j["scenario"].is_object()) return rd.error("scenario", "must be an object");
  const auto& sc = j["scenario"];
  if (!sc.contains("threads") || !sc["threads"].is_array() || sc["threads"].empty() ||
      sc["threads"].size() > kMaxArtifactThreads) {
    return rd.error("scenario.threads", "must be an array of 1.." + std::to_string(kMaxArtifactThreads) +
                                            " threads' operation arrays");
  }
  a.spec.threads = static_cast<uint32_t>(sc["threads"].size());  // private keys are owned by these threads
  for (std::size_t t = 0; t < sc["threads"].size(); ++t) {
    auto ops = rd.ops(sc["threads"][t], "scenario.threads[" + std::to_string(t) + "]", a.spec, kMaxArtifactThreadOps);
    if (!ops.ok()) return ops.error();
    if (ops->empty()) return rd.error("scenario.threads[" + std::to_string(t) + "]", "has no operations");
    a.program.ops.push_back(std::move(*ops));
  }
  for (const char* part : {"init", "post"}) {
    if (!sc.contains(part)) continue;
    auto ops = rd.ops(sc[part], std::string("scenario.") + part, a.spec, kMaxArtifactSequentialOps);
    if (!ops.ok()) return ops.error();
    (std::string(part) == "init" ? a.program.init : a.program.post) = std::move(*ops);
  }
  a.program.spec = a.spec;
  finish_program(a.program);
  a.spec = a.program.spec;
  return a;
}

Result<std::string> write_schedule_artifact(const std::string& dir, const ScheduleArtifact& a) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string text = to_json(a).dump(1) + "\n";
  for (int n = 0; n < 10000; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "-%03d.sched", n);
    const std::string path = (std::filesystem::path(dir) / (a.target + name)).string();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return io_error("cannot create '" + path + "': " + std::strerror(errno), "pass a writable --out directory");
    }
    ::close(fd);
    // The name is now ours; the content goes in atomically over the empty placeholder.
    if (auto st = write_file_atomically(path, text); !st.ok()) return st.error();
    return path;
  }
  return io_error("no free artifact name in '" + dir + "'", "clean up old artifacts");
}

}  // namespace contend
