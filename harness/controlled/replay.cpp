#include "controlled/replay.h"

#include <fstream>
#include <iterator>

#include "controlled/controlled_map_run.h"
#include "controlled/crash_signature.h"
#include "controlled/fuzz_input.h"
#include "controlled/schedule_artifact.h"
#include "sched/determinism_check.h"
#include "sched/schedule.h"
#include "sched/strategy_replay.h"
#include "sched/trace.h"
#include "util/atomic_file.h"
#include "util/build_id.h"

namespace contend {

namespace {

sched::TraceFormatOptions trace_options(const ReplayOptions& o) {
  sched::TraceFormatOptions t;
  t.shared_only = !o.full_trace;
  return t;
}

void print_program(std::ostream& out, const Program& p) {
  out << "scenario: " << p.threads() << " threads, " << p.parallel_ops() << " parallel ops, " << p.init.size()
      << " init ops, " << p.post.size() << " post ops, key_space " << p.spec.key_space << "\n";
  out << describe_program(p);
}

}  // namespace

ExitCode replay_artifact(const std::string& path, const ReplayOptions& opts, std::ostream& out, std::ostream& err) {
  auto a = read_schedule_artifact(path);
  if (!a.ok()) return static_cast<ExitCode>(print_error(err, a.error()));
  const std::string here = executable_build_id();
  if (a->build_id != here && !opts.ignore_build_id) {
    return static_cast<ExitCode>(print_error(err, input_error(
        path + " was recorded by build " + a->build_id + ", this binary is build " + here +
            ": schedule points differ between builds, so its decisions would not replay the same interleaving",
        "replay with the binary that recorded it, re-run `contend explore` with this build, or pass "
        "--ignore-build-id to try anyway")));
  }
  const auto* target = TargetRegistry::instance().find_map(a->target);
  if (!target) return static_cast<ExitCode>(print_error(err, input_error(path + ": unknown target '" + a->target + "'")));
  auto schedule = sched::decode_token(a->schedule);
  if (!schedule.ok()) return static_cast<ExitCode>(print_error(err, input_error(path + ": " + schedule.error().message)));
  const Program& program = a->program;
  print_program(out, program);

  ControlledRunOptions ro;
  ro.exec.sync_points_only = schedule->sync_points_only;
  ro.exec.record_trace = opts.trace;
  ControlledMapRunner runner(*target, program, ro);
  sched::ReplayStrategy strategy(*schedule);
  ControlledRun r = runner.run(strategy);
  if (opts.trace) out << "\ninterleaving:\n" << sched::format_trace(r.exec.trace, trace_options(opts)) << "\n";
  out << "outcome: " << outcome_name(r.outcome) << " (" << r.exec.points << " schedule points, " << r.exec.switches
      << " switches)\n";
  for (const auto& v : r.violations) out << "  [" << v.kind << "] " << v.detail << "\n";
  if (r.outcome != Outcome::kOk && r.violations.empty()) out << "  " << r.detail << "\n";
  if (strategy.diverged()) {
    err << "error: the replay diverged from the recording: " << strategy.divergence() << "\n";
    return ExitCode::kNondeterministic;
  }
  if (r.outcome != a->outcome) {
    err << "error: the recording ended '" << outcome_name(a->outcome) << "', this replay ended '"
        << outcome_name(r.outcome) << "'\n";
    return ExitCode::kNondeterministic;
  }
  if (opts.check_determinism) {
    ControlledRunOptions quiet = ro;
    quiet.exec.record_trace = false;
    ControlledMapRunner again(*target, program, quiet);
    const auto report = sched::check_determinism([&](sched::Strategy& s) { return again.run(s).exec; }, *schedule,
                                                 2, &r.exec);
    out << "determinism: " << (report.deterministic ? "2 more replays identical" : "DIVERGED: " + report.divergence)
        << "\n";
    if (!report.deterministic) return ExitCode::kNondeterministic;
  }
  return exit_code_for(r.outcome);
}

Status artifact_target_matches(const std::string& path, const std::string& target) {
  if (target == "all") return Ok{};
  auto a = read_schedule_artifact(path);
  if (!a.ok() || a->target == target) return Ok{};  // a bad artifact is reported by the replay itself
  return usage_error("--target " + target + " does not match " + path + ", which was recorded on " + a->target,
                     "drop --target: an artifact names its own target");
}

bool looks_like_artifact(const std::string& path, std::span<const uint8_t> bytes) {
  if (path.size() >= 6 && path.compare(path.size() - 6, 6, ".sched") == 0) return true;
  for (uint8_t b : bytes) {
    if (b == ' ' || b == '\n' || b == '\t' || b == '\r') continue;
    return b == '{';
  }
  return false;
}

const MapTargetInfo* target_for_file(const std::string& path, const std::string& target, std::ostream& err) {
  const auto& reg = TargetRegistry::instance();
  if (target != "all") {
    auto t = reg.lookup_map(target);
    if (!t.ok()) print_error(err, t.error());
    return t.ok() ? *t : nullptr;
  }
  const MapTargetInfo* best = longest_name_in(path, reg.maps());
  if (!best) {
    print_error(err, usage_error(path + " is a raw fuzzer input and its path names no map target",
                          "pass --target NAME (the target the fuzzer ran on; see `contend list`)"));
  }
  return best;
}

ExitCode replay_file(const std::string& path, const std::string& target, const ReplayOptions& opts, std::ostream& out,
                     std::ostream& err) {
  auto text = read_file(path);
  if (!text.ok()) return static_cast<ExitCode>(print_error(err, text.error()));
  const std::vector<uint8_t> bytes(text->begin(), text->end());
  if (looks_like_artifact(path, bytes)) {
    if (auto st = artifact_target_matches(path, target); !st.ok()) return static_cast<ExitCode>(print_error(err, st.error()));
    return replay_artifact(path, opts, out, err);
  }
  const MapTargetInfo* t = target_for_file(path, target, err);
  if (!t) return ExitCode::kUsage;
  ControlledRunOptions ro;
  ro.exec.record_trace = true;  // for the crash signature; printed only with --trace
  const FuzzInputRun r = run_fuzz_input(*t, bytes, ro);
  out << "raw fuzzer input: " << bytes.size() << " bytes, target " << t->name << ", "
      << r.input.schedule.size() / 2 << " schedule decisions\n";
  print_program(out, r.input.program);
  if (opts.trace) out << "\ninterleaving:\n" << sched::format_trace(r.run.exec.trace, trace_options(opts)) << "\n";
  print_raw_outcome(out, r.run);
  if (opts.check_determinism && !repeats_identically(out, r.run, [&] { return run_fuzz_input(*t, bytes, ro).run; })) {
    return ExitCode::kNondeterministic;
  }
  return exit_code_for(r.run.outcome);
}

void print_raw_outcome(std::ostream& out, const ControlledRun& run) {
  out << "outcome: " << outcome_name(run.outcome) << " (" << run.exec.points << " schedule points, "
      << run.exec.switches << " switches)\n";
  for (const auto& v : run.violations) out << "  [" << v.kind << "] " << v.detail << "\n";
  if (run.outcome != Outcome::kOk && run.violations.empty()) out << "  " << run.detail << "\n";
  if (run.outcome != Outcome::kOk) out << "signature: " << crash_signature(run).key() << "\n";
}

bool repeats_identically(std::ostream& out, const ControlledRun& first, FunctionRef<ControlledRun()> rerun) {
  for (int i = 0; i < 2; ++i) {
    const ControlledRun again = rerun();
    if (again.outcome != first.outcome || again.exec.trace_hash != first.exec.trace_hash) {
      out << "determinism: DIVERGED on repeat " << i + 1 << "\n";
      return false;
    }
  }
  out << "determinism: 2 more replays identical\n";
  return true;
}

}  // namespace contend
