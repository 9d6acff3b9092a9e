// minimize_input: greedy joint shrinking of threads, operations and preemptions.
#include "controlled/minimize.h"

#include <algorithm>

#include "controlled/crash_signature.h"
#include "controlled/minimize_scenario.h"
#include "controlled/replay.h"
#include "controlled/schedule_artifact.h"
#include "sched/strategy_replay.h"
#include "util/atomic_file.h"
#include "util/build_id.h"
#include "gen/key_space.h"

namespace contend {

namespace {

class Shrinker {
 public:
  Shrinker(const MapTargetInfo& target, const ControlledRunOptions& opts) : target_(target), opts_(opts) {}

  std::string kind_of(const DecodedInput& d) {
    ++executions;
    const ControlledRun r = run_decoded(target_, d, opts_);
    return r.outcome == Outcome::kOk ? "" : failure_kind(r);
  }
  bool still_fails(const DecodedInput& d, const std::string& kind) { return kind_of(d) == kind; }

  uint64_t executions = 0;

 private:
  const MapTargetInfo& target_;
  const ControlledRunOptions& opts_;
};

// A candidate: these parallel ops under `schedule`, with the init spec (and so the init and post
// parts) of the input being minimized.
struct Candidates {
  std::vector<uint8_t> init_spec;
  bool post_iterate = true;
  DecodedInput operator()(std::vector<std::vector<Op>> ops, std::vector<uint8_t> schedule) const {
    DecodedInput d;
    d.program = program_from_ops(std::move(ops));
    apply_init_spec(d.program, init_spec, post_iterate);
    d.schedule = std::move(schedule);
    d.init_spec = init_spec;
    d.header_bytes = 1 + d.program.parallel_ops() + init_spec.size();
    return d;
  }
};

// Drops thread `drop`, renumbering the owner of later threads' private keys.
std::vector<std::vector<Op>> without_thread(const std::vector<std::vector<Op>>& ops, std::size_t drop) {
  std::vector<std::vector<Op>> out;
  for (std::size_t t = 0; t < ops.size(); ++t) {
    if (t == drop) continue;
    auto thread = ops[t];
    for (Op& op : thread) {
      if (is_private_key(op.key)) op.key = private_key(static_cast<uint32_t>(out.size()), private_index(op.key));
    }
    out.push_back(std::move(thread));
  }
  return out;
}

// The schedule for a program without thread `drop` of `threads`: decisions that picked it are
// dropped and later thread indices shift down. A decision picks eligible[b0 % n] and eligible is
// usually every unfinished thread, so this keeps the other decisions' meaning in the common case;
// the candidate is only kept if it still fails the same way.
std::vector<uint8_t> schedule_without_thread(const std::vector<uint8_t>& schedule, std::size_t drop, std::size_t threads) {
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i + 1 < schedule.size(); i += 2) {
    const std::size_t pick = schedule[i] % threads;
    if (pick == drop) continue;
    out.push_back(static_cast<uint8_t>(pick > drop ? pick - 1 : pick));
    out.push_back(schedule[i + 1]);
  }
  return out;
}

}  // namespace

std::size_t effective_ops(const Program& p) {
  std::size_t n = 0;
  for (const auto& t : p.ops) n += std::count_if(t.begin(), t.end(), [](const Op& o) { return o.kind != OpKind::kSize; });
  return n;
}

MinimizeResult minimize_input(const MapTargetInfo& target, std::span<const uint8_t> input,
                              const ControlledRunOptions& opts) {
  Shrinker sh(target, opts);
  MinimizeResult res;
  const DecodeLimits limits = decode_limits_for(target);
  DecodedInput cur = decode_program(input, limits);
  const Candidates with{cur.init_spec, limits.post_iterate};
  res.input.assign(input.begin(), input.end());
  res.kind = sh.kind_of(cur);
  res.failed = !res.kind.empty();
  if (!res.failed) {
    res.decoded = cur;
    res.executions = sh.executions;
    return res;
  }
  // Canonical form first (the decoder ignores reserved header bits and any padding).
  cur = with(cur.program.ops, cur.schedule);

  bool progress = true;
  while (progress) {
    progress = false;
    // Threads: with the schedule remapped to the remaining threads, else unchanged.
    for (std::size_t t = cur.program.ops.size(); t-- > 0 && cur.program.ops.size() > 1;) {
      const auto ops = without_thread(cur.program.ops, t);
      auto remapped = with(ops, schedule_without_thread(cur.schedule, t, cur.program.ops.size()));
      if (sh.still_fails(remapped, res.kind)) {
        cur = std::move(remapped), progress = true;
        continue;
      }
      auto cand = with(ops, cur.schedule);
      if (sh.still_fails(cand, res.kind)) cur = std::move(cand), progress = true;
    }
    // Operation columns (every thread's i-th op).
    for (std::size_t i = cur.program.spec.ops_per_thread; i-- > 0 && cur.program.spec.ops_per_thread > 1;) {
      auto ops = cur.program.ops;
      for (auto& t : ops) t.erase(t.begin() + static_cast<std::ptrdiff_t>(i));
      auto cand = with(std::move(ops), cur.schedule);
      if (sh.still_fails(cand, res.kind)) cur = std::move(cand), progress = true;
    }
    // Single operations -> size().
    for (std::size_t t = 0; t < cur.program.ops.size(); ++t) {
      for (std::size_t i = 0; i < cur.program.ops[t].size(); ++i) {
        if (cur.program.ops[t][i].kind == OpKind::kSize) continue;
        auto ops = cur.program.ops;
        ops[t][i] = Op{OpKind::kSize, 0, 0};
        auto cand = with(std::move(ops), cur.schedule);
        if (sh.still_fails(cand, res.kind)) cur = std::move(cand), progress = true;
      }
    }
    // Preemptions: shortest failing prefix (in whole decisions), then single decisions.
    const std::size_t pairs = cur.schedule.size() / 2;
    for (std::size_t keep = 0; keep < pairs; ++keep) {
      std::vector<uint8_t> s(cur.schedule.begin(), cur.schedule.begin() + static_cast<std::ptrdiff_t>(2 * keep));
      auto cand = with(cur.program.ops, std::move(s));
      if (sh.still_fails(cand, res.kind)) {
        cur = std::move(cand), progress = true;
        break;
      }
    }
    if (cur.schedule.size() % 2) cur.schedule.pop_back();  // an odd trailing byte is never read
    for (std::size_t p = cur.schedule.size() / 2; p-- > 0;) {
      auto s = cur.schedule;
      s.erase(s.begin() + static_cast<std::ptrdiff_t>(2 * p), s.begin() + static_cast<std::ptrdiff_t>(2 * p + 2));
      auto cand = with(cur.program.ops, std::move(s));
      if (sh.still_fails(cand, res.kind)) cur = std::move(cand), progress = true;
    }
    // Simplest bytes: thread choice 0 and budget byte 0 (1 point), kept if still failing.
    for (std::size_t b = 0; b < cur.schedule.size(); ++b) {
      if (cur.schedule[b] == 0) continue;
      auto s = cur.schedule;
      s[b] = 0;
      auto cand = with(cur.program.ops, std::move(s));
      if (sh.still_fails(cand, res.kind)) cur = std::move(cand), progress = true;
    }
  }
  res.input = encode_program(cur.program, cur.schedule, cur.init_spec);
  res.decoded = std::move(cur);
  res.preemptions = res.decoded.schedule.size() / 2;
  res.executions = sh.executions;
  return res;
}

namespace {

ExitCode minimize_artifact(const std::string& path, std::string out_path, std::ostream& out, std::ostream& err) {
  auto a = read_schedule_artifact(path);
  if (!a.ok()) return static_cast<ExitCode>(print_error(err, a.error()));
  if (a->build_id != executable_build_id()) {
    return static_cast<ExitCode>(print_error(
        err, input_error(path + " was recorded by build " + a->build_id + ", this binary is build " +
                             executable_build_id() + ": its decisions would not replay the same interleaving",
                         "minimize it with the binary that recorded it")));
  }
  const auto* target = TargetRegistry::instance().find_map(a->target);
  if (!target) return static_cast<ExitCode>(print_error(err, input_error(path + ": unknown target '" + a->target + "'")));
  auto schedule = sched::decode_token(a->schedule);
  if (!schedule.ok()) return static_cast<ExitCode>(print_error(err, input_error(path + ": " + schedule.error().message)));
  ControlledMapRunner runner(*target, a->program, {});
  sched::ReplayStrategy replay(*schedule);
  const ControlledRun first = runner.run(replay);
  if (first.outcome == Outcome::kOk) {
    err << "error: " << path << " does not fail on " << target->name << ": nothing to minimize\n";
    return ExitCode::kBadInput;
  }
  ScenarioMinimizeOptions mo;
  mo.seed = a->seed;
  const auto m = minimize_scenario(*target, a->program, *schedule, failure_kind(first), mo);
  if (!m.failed) {
    err << "error: " << path << " did not fail the same way again: nothing to minimize\n";
    return ExitCode::kNondeterministic;
  }
  const ScheduleArtifact min = minimized_artifact(*a, m);
  if (out_path.empty()) {
    const bool sched_ext = path.size() > 6 && path.compare(path.size() - 6, 6, ".sched") == 0;
    out_path = sched_ext ? path.substr(0, path.size() - 6) + ".min.sched" : path + ".min";
  }
  if (auto st = write_file_atomically(out_path, to_json(min).dump(1) + "\n"); !st.ok()) {
    return static_cast<ExitCode>(print_error(err, st.error()));
  }
  out << "minimized " << path << " -> " << out_path << " in " << m.executions << " executions"
      << (m.budget_spent ? " (budget spent; smaller may exist)" : "") << "\nfails as: " << m.kind << "\nscenario: "
      << m.program.threads() << " threads, " << m.program.parallel_ops() << " parallel ops, " << m.program.init.size()
      << " init ops, " << m.program.post.size() << " post ops, " << m.run.exec.preemptions << " preemptions\n"
      << describe_program(m.program) << "replay: contend replay " << out_path << " --trace\n";
  return ExitCode::kOk;
}

}  // namespace

ExitCode minimize_file(const std::string& path, const std::string& target, std::string out_path, std::ostream& out,
                       std::ostream& err) {
  auto text = read_file(path);
  if (!text.ok()) return static_cast<ExitCode>(print_error(err, text.error()));
  const std::vector<uint8_t> bytes(text->begin(), text->end());
  if (looks_like_artifact(path, bytes)) {
    if (auto st = artifact_target_matches(path, target); !st.ok()) return static_cast<ExitCode>(print_error(err, st.error()));
    return minimize_artifact(path, out_path, out, err);
  }
  const MapTargetInfo* t = target_for_file(path, target, err);
  if (!t) return ExitCode::kUsage;
  const MinimizeResult m = minimize_input(*t, bytes);
  if (!m.failed) {
    err << "error: " << path << " does not fail on " << t->name << ": nothing to minimize\n";
    return ExitCode::kBadInput;
  }
  if (out_path.empty()) out_path = path + ".min";
  const std::string data(m.input.begin(), m.input.end());
  if (auto st = write_file_atomically(out_path, data); !st.ok()) return static_cast<ExitCode>(print_error(err, st.error()));
  const Program& p = m.decoded.program;
  out << "minimized " << path << " (" << bytes.size() << " bytes) -> " << out_path << " (" << m.input.size()
      << " bytes) in " << m.executions << " executions\nfails as: " << m.kind << "\nscenario: " << p.spec.threads
      << " threads x " << p.spec.ops_per_thread << " ops (" << effective_ops(p) << " non-size ops), "
      << m.preemptions << " preemption decisions\n";
  out << describe_program(p) << "replay: contend replay --target " << t->name << " --trace " << out_path << "\n";
  return ExitCode::kOk;
}

}  // namespace contend
