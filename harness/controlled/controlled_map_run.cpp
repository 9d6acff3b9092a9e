#include "controlled/controlled_map_run.h"

#include <functional>

#include "runner/program_execution.h"
#include "sched/annotate.h"

namespace contend {

struct ControlledMapRunner::State {
  std::unique_ptr<ViolationLog> log = std::make_unique<ViolationLog>();
};

ControlledMapRunner::ControlledMapRunner(const MapTargetInfo& target, const Program& program,
                                         ControlledRunOptions opts)
    : target_(target), program_(program), opts_(opts), state_(std::make_unique<State>()) {}

ControlledMapRunner::~ControlledMapRunner() = default;

namespace {

Outcome outcome_of(sched::Outcome o) {
  switch (o) {
    case sched::Outcome::kOk: return Outcome::kOk;
    case sched::Outcome::kCrash: return Outcome::kCrash;
    case sched::Outcome::kDeadlock: return Outcome::kDeadlock;
    case sched::Outcome::kLivelock:
    case sched::Outcome::kStepLimit: return Outcome::kLivelock;
  }
  return Outcome::kCrash;
}

}  // namespace

bool run_bodies(ControlledRun& out, std::span<const std::function<void()>> bodies, sched::Strategy& strategy,
                const sched::ExecOptions& opts, const ViolationLog& log) {
  out.exec = sched::run_controlled(bodies, strategy, opts);
  out.outcome = outcome_of(out.exec.outcome);
  if (out.outcome == Outcome::kOk) return true;
  out.detail = out.exec.message;
  out.violations = log.snapshot();
  return false;
}

namespace {

// The sequential parts run as single-vthread controlled executions: a crash, deadlock or hang
// inside init or post is then reported like one in the parallel part instead of killing the
// process, and they cost no more than running them plain (the caller runs vthread 0 itself).
class SequentialStrategy final : public sched::Strategy {
 public:
  void begin_execution(uint32_t) override {}
  sched::Pick pick(const sched::PickRequest& req) override { return {req.eligible[0], sched::kNoPreemption}; }
  uint64_t next_u64() override { return 0; }
  std::string_view name() const override { return "sequential"; }
};

bool run_sequential_part(ControlledRun& out, const char* part, const std::function<void()>& body,
                         const sched::ExecOptions& exec, const ViolationLog& log) {
  SequentialStrategy seq;
  sched::ExecOptions o = exec;
  o.record_trace = false;
  if (run_bodies(out, std::span(&body, 1), seq, o, log)) return true;
  out.detail = std::string("in the ") + part + " part: " + out.detail;
  return false;
}

}  // namespace

ControlledRun ControlledMapRunner::run(sched::Strategy& strategy) {
  State& st = *state_;
  st.log->reset();
  ProgramExecution ex(target_, program_, *st.log);
  ControlledRun out;
  const auto abandon = [&] {
    ex.abandon();
    return out;
  };
  if (!program_.init.empty() &&
      !run_sequential_part(out, "init", [&] { ex.run_sequence(program_.init); }, opts_.exec, *st.log)) {
    out.init_step_limit = out.exec.outcome == sched::Outcome::kStepLimit;
    return abandon();
  }
  std::vector<std::function<void()>> bodies;
  std::vector<std::vector<uint64_t>> steps(opts_.record_op_steps ? program_.threads() : 0);
  for (uint32_t t = 0; t < program_.threads(); ++t) {
    bodies.emplace_back([&, t] {
      for (std::size_t i = 0; i < program_.ops[t].size(); ++i) {
        if (opts_.record_op_steps) steps[t].push_back(sched::execution_step());
        sched::annotate_op(program_.labels[t][i]);
        ex.run_op(t, program_.ops[t][i]);
      }
      if (opts_.record_op_steps) steps[t].push_back(sched::execution_step());
      sched::clear_op();
    });
  }
  const bool ok = run_bodies(out, bodies, strategy, opts_.exec, *st.log);
  out.op_steps = std::move(steps);
  if (opts_.exec.record_trace) out.exec.trace.regions.push_back({ex.target_base(), ex.target_size(), "target"});
  if (!ok) return abandon();
  if (!program_.post.empty()) {
    ControlledRun post;
    if (!run_sequential_part(post, "post", [&] { ex.run_sequence(program_.post); }, opts_.exec, *st.log)) {
      post.exec.schedule = out.exec.schedule;  // the interleaving that led there is the parallel part's
      post.exec.trace = std::move(out.exec.trace);
      post.exec.trace_hash = out.exec.trace_hash;
      post.exec.points = out.exec.points;
      post.exec.switches = out.exec.switches;
      out = std::move(post);
      return abandon();
    }
  }
  const auto report = ex.finish(opts_.checker_budget_s);
  out.violations = st.log->snapshot();
  if (!out.violations.empty()) {
    out.outcome = Outcome::kViolation;
    out.detail = "[" + out.violations.front().kind + "] " + out.violations.front().detail;
  } else if (report.verdict == check::Verdict::kUnknown) {
    out.outcome = Outcome::kUnknown;
    out.detail = "the linearizability check ran out of budget";
  }
  return out;
}

}  // namespace contend
