// fuzz_support: target selection by executable name, failure reporting.
#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace contend::fuzz {

namespace {
// The name the binary was invoked by: argv[0] from /proc/self/cmdline, not /proc/self/exe,
// which resolves the per-target symlinks to the one shared binary.
std::string exe_name() {
  std::ifstream f("/proc/self/cmdline", std::ios::binary);
  std::string argv0;
  std::getline(f, argv0, '\0');
  return argv0.substr(argv0.rfind('/') + 1);
}

// The target name of this process by the rule in fuzz_support.h (shared by maps and pools).
std::string target_name(std::string_view fuzzer, std::string_view fallback) {
  std::string name(fallback);
  const std::string exe = exe_name(), prefix = std::string(fuzzer) + "_";
  if (exe.starts_with(prefix) && exe.size() > prefix.size()) name = exe.substr(prefix.size());
  if (name.ends_with("_replay")) name.resize(name.size() - 7);  // fuzz_map_controlled_<t>_replay
  if (const char* env = std::getenv("CONTEND_FUZZ_TARGET"); env && *env) name = env;
  return name;
}

[[noreturn]] void unknown_target(std::string_view fuzzer, const char* kind, const std::string& name) {
  std::fprintf(stderr, "%.*s: unknown %s target '%s' (set CONTEND_FUZZ_TARGET or run a "
               "%.*s_<target> binary; `contend list` names the targets)\n",
               static_cast<int>(fuzzer.size()), fuzzer.data(), kind, name.c_str(),
               static_cast<int>(fuzzer.size()), fuzzer.data());
  std::_Exit(64);
}
}  // namespace

// $CONTEND_FUZZ_LIST_TARGETS set: print the registered names, one per line, and exit. The build
// names the per-target links from this list (fuzzers/link_targets.cmake), so there is no naming
// rule between a target's source file and its fuzzer.
template <class Items>
void list_targets_if_asked(const Items& items) {
  if (std::getenv("CONTEND_FUZZ_LIST_TARGETS") == nullptr) return;
  for (const auto& i : items) std::printf("contend-target: %s\n", i.name.c_str());
  std::fflush(stdout);
  std::_Exit(0);
}

const MapTargetInfo& map_target(std::string_view fuzzer, std::string_view fallback) {
  list_targets_if_asked(TargetRegistry::instance().maps());
  const std::string name = target_name(fuzzer, fallback);
  const MapTargetInfo* t = TargetRegistry::instance().find_map(name);
  if (!t) unknown_target(fuzzer, "map", name);
  return *t;
}

const PoolTargetInfo& pool_target(std::string_view fuzzer, std::string_view fallback) {
  list_targets_if_asked(PoolRegistry::instance().pools());
  const std::string name = target_name(fuzzer, fallback);
  const PoolTargetInfo* t = PoolRegistry::instance().find(name);
  if (!t) unknown_target(fuzzer, "pool", name);
  return *t;
}

void abort_on_failure(const MapTargetInfo& target, const Program& program, const ControlledRun& run) {
  if (run.outcome == Outcome::kOk || run.outcome == Outcome::kUnknown) return;
  std::fprintf(stderr, "==CONTEND== %s on %s: %u threads x %llu ops\n", std::string(outcome_name(run.outcome)).c_str(),
               target.name.c_str(), program.spec.threads, static_cast<unsigned long long>(program.spec.ops_per_thread));
  std::fputs(describe_program(program).c_str(), stderr);
  for (const auto& v : run.violations) std::fprintf(stderr, "  [%s] %s\n", v.kind.c_str(), v.detail.c_str());
  if (run.violations.empty()) std::fprintf(stderr, "  %s\n", run.detail.c_str());
  std::fprintf(stderr, "SUMMARY: contend %s (%s)\nreplay: contend replay --target %s <crash file>\n",
               std::string(outcome_name(run.outcome)).c_str(),
               run.violations.empty() ? "" : run.violations.front().kind.c_str(), target.name.c_str());
  std::abort();
}

void abort_on_pool_failure(const PoolTargetInfo& target, const PoolProgram& program, const ControlledRun& run) {
  if (run.outcome == Outcome::kOk || run.outcome == Outcome::kUnknown) return;
  const std::string outcome(outcome_name(run.outcome));
  std::fprintf(stderr, "==CONTEND== %s on pool %s: %u threads x %u ops (each thread then releases what it holds)\n%s",
               outcome.c_str(), target.name.c_str(), program.threads, program.ops_per_thread,
               describe(program).c_str());
  for (const auto& v : run.violations) {
    std::fprintf(stderr, "  [%s] %s%s\n", v.kind.c_str(), v.thread < 0 ? "(after the run) " : "", v.detail.c_str());
  }
  if (run.violations.empty()) std::fprintf(stderr, "  %s\n", run.detail.c_str());
  std::fprintf(stderr, "  interleaving: %llu schedule points, %llu switches\n",
               static_cast<unsigned long long>(run.exec.points), static_cast<unsigned long long>(run.exec.switches));
  std::fprintf(stderr, "SUMMARY: contend %s (%s) on pool %s\nreplay: fuzz_pool_controlled_%s_replay <crash file>\n",
               outcome.c_str(), run.violations.empty() ? "" : run.violations.front().kind.c_str(),
               target.name.c_str(), target.name.c_str());
  std::abort();
}

}  // namespace contend::fuzz
