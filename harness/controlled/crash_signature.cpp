// crash_signature: outcome + violation kind + top target frames from the trace.
#include "controlled/crash_signature.h"

#include <algorithm>

#include "sched/trace.h"

namespace contend {

namespace {

constexpr std::size_t kFrames = 3;

// Is the frame's source file contend's own harness (runner, checker, scheduler, the AnyMap
// adapter) rather than the target? symbolize_pcs keeps the last two path components
// ("runner/map_invariants.cpp:35", "targets/canary_racy_map.h:40", "tbb/concurrent_hash_map.h:9"),
// so the harness is recognised by its module directory.
bool harness_file(const std::string& file) {
  if (file.starts_with("targets/map_target.h")) return true;
  const std::string dir = file.substr(0, file.find('/'));
  for (const char* m : {"runner", "check", "record", "sched", "controlled", "gen", "metrics", "util", "driver",
                        "report", "compare", "flags", "bench", "fuzzers", "workloads"}) {
    if (dir == m) return true;
  }
  return false;
}

}  // namespace

std::string signature_frame(const std::string& symbolized) {
  const auto at = symbolized.find(" at ");
  std::string f = symbolized.substr(0, at);
  if (f.empty() || f.starts_with("??")) return "";
  if (at != std::string::npos && harness_file(symbolized.substr(at + 4))) return "";
  // Cut template arguments and parameters: they vary with instantiation, not with the bug.
  std::string out;
  int depth = 0;
  for (char c : f) {
    if (c == '<' || c == '(') ++depth;
    else if ((c == '>' || c == ')') && depth > 0) --depth;
    else if (depth == 0) out += c;
  }
  if (out.starts_with("decltype")) out.erase(0, out.find_first_not_of(' ', 8));  // "decltype(...) std::f"
  if (out.starts_with("std::")) return "";  // library internals: over-merge like any generic frame
  for (const char* skip : {"contend::sched", "contend::ControlledMapRunner", "contend::detail::MapAdapter", "__tsan",
                           "__gnu_cxx", "__gthread", "pthread_"}) {
    if (out.find(skip) != std::string::npos) return "";
  }
  return out.substr(0, 80);
}

namespace {

std::vector<std::string> top_functions(const std::vector<uintptr_t>& pcs) {
  std::vector<std::string> out;
  const auto names = sched::symbolize_pcs(pcs);
  for (const auto& n : names) {
    const std::string f = signature_frame(n);
    if (f.empty() || std::find(out.begin(), out.end(), f) != out.end()) continue;
    out.push_back(f);
    if (out.size() == kFrames) break;
  }
  return out;
}

}  // namespace

std::string CrashSignature::kind() const { return outcome + "/" + violation; }

std::string CrashSignature::key() const {
  std::string k = kind() + "/";
  for (std::size_t i = 0; i < frames.size(); ++i) k += (i ? "|" : "") + frames[i];
  return k;
}

std::string failure_kind(const ControlledRun& run) {
  CrashSignature s;
  s.outcome = std::string(outcome_name(run.outcome));
  if (!run.violations.empty()) s.violation = run.violations.front().kind;
  return s.kind();
}

CrashSignature crash_signature(const ControlledRun& run) {
  CrashSignature s;
  s.outcome = std::string(outcome_name(run.outcome));
  if (!run.violations.empty()) s.violation = run.violations.front().kind;
  const auto& ev = run.exec.trace.events;
  std::vector<uintptr_t> pcs;
  if (run.outcome == Outcome::kCrash && run.exec.crashed_thread >= 0) {
    for (auto it = ev.rbegin(); it != ev.rend() && pcs.size() < 64; ++it) {
      if (it->tid == run.exec.crashed_thread && it->pc) pcs.push_back(it->pc);
    }
  } else {
    // The preemption sites: the last point a thread ran before another took over.
    for (std::size_t i = 0; i + 1 < ev.size() && pcs.size() < 64; ++i) {
      if (ev[i].tid != ev[i + 1].tid && ev[i].pc) pcs.push_back(ev[i].pc);
    }
  }
  s.frames = top_functions(pcs);
  return s;
}

}  // namespace contend
