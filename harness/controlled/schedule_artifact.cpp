#include "controlled/schedule_artifact.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/atomic_file.h"

namespace contend {

nlohmann::json to_json(const ScheduleArtifact& a) {
  return {{"format", "contend-schedule"}, {"version", kScheduleArtifactVersion},
          {"build_id", a.build_id},       {"contend_version", a.contend_version},
          {"target", a.target},           {"workload", a.workload},
          {"spec", to_json(a.spec)},      {"strategy", a.strategy},
          {"seed", a.seed},               {"execution", a.execution},
          {"schedule", a.schedule},       {"outcome", outcome_name(a.outcome)},
          {"detail", a.detail}};
}

Result<ScheduleArtifact> read_schedule_artifact(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return input_error(path + ": not a schedule artifact (not a JSON object)",
                       "pass a .sched file written by `contend explore`");
  }
  if (j.value("format", "") != "contend-schedule") {
    return input_error(path + ": not a schedule artifact (format is not 'contend-schedule')");
  }
  if (j.value("version", 0) != kScheduleArtifactVersion) {
    return input_error(path + ": schedule artifact version " + std::to_string(j.value("version", 0)) +
                       ", this contend reads " + std::to_string(kScheduleArtifactVersion));
  }
  ScheduleArtifact a;
  try {
    a.build_id = j.at("build_id").get<std::string>();
    a.contend_version = j.value("contend_version", "");
    a.target = j.at("target").get<std::string>();
    a.workload = j.value("workload", "map-mix");
    a.strategy = j.at("strategy").get<std::string>();
    a.seed = j.at("seed").get<uint64_t>();
    a.execution = j.at("execution").get<uint64_t>();
    a.schedule = j.at("schedule").get<std::string>();
    a.detail = j.value("detail", "");
    auto o = parse_outcome(j.at("outcome").get<std::string>());
    if (!o) return input_error(path + ": unknown outcome '" + j.at("outcome").get<std::string>() + "'");
    a.outcome = *o;
  } catch (const nlohmann::json::exception& e) {
    return input_error(path + ": malformed schedule artifact: " + e.what());
  }
  auto spec_json = j.value("spec", nlohmann::json::object());
  spec_json.erase("preset");
  a.spec.preset = j["spec"].value("preset", "artifact");
  if (auto st = apply_json(spec_json, a.spec, path + " (spec)"); !st.ok()) return st.error();
  if (auto st = validate(a.spec); !st.ok()) return input_error(path + ": invalid spec: " + st.error().message);
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
