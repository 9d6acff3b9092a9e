#include "controlled/controlled_map_run.h"

#include <functional>

#include "check/map_history_check.h"
#include "record/history.h"
#include "runner/map_invariants.h"
#include "runner/map_op.h"
#include "sched/annotate.h"

namespace contend {

struct ControlledMapRunner::State {
  std::unique_ptr<ViolationLog> log = std::make_unique<ViolationLog>();
  std::vector<std::vector<std::pair<Key, Value>>> scratch;  // per thread iteration contents
  uint64_t clock = 0;  // logical stamps; plain: only one vthread runs at a time, and every
                       // handoff is a futex syscall, which orders memory between them
};

ControlledMapRunner::ControlledMapRunner(const MapTargetInfo& target, const Program& program,
                                         ControlledRunOptions opts)
    : target_(target), program_(program), opts_(opts), state_(std::make_unique<State>()) {
  state_->scratch.resize(program.spec.threads);
}

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

ControlledRun ControlledMapRunner::run(sched::Strategy& strategy) {
  const MapMixSpec& spec = program_.spec;
  State& st = *state_;
  st.log->reset();
  st.clock = 0;
  // A container whose execution ended abnormally may be mid-operation on abandoned stacks: it
  // is leaked rather than destroyed (see run_controlled).
  std::unique_ptr<AnyMap> map = target_.make();
  HistoryRecorder history(spec.threads, spec.ops_per_thread, 8, 8 * max_elements(spec));
  std::vector<ThreadInvariants> inv;
  inv.reserve(spec.threads);
  for (uint32_t t = 0; t < spec.threads; ++t) inv.emplace_back(spec, t, *st.log);

  std::vector<std::function<void()>> bodies;
  for (uint32_t t = 0; t < spec.threads; ++t) {
    bodies.emplace_back([&, t] {
      auto& scratch = st.scratch[t];
      for (std::size_t i = 0; i < program_.ops[t].size(); ++i) {
        const Op& op = program_.ops[t][i];
        sched::annotate_op(program_.labels[t][i]);
        const uint64_t call = ++st.clock;
        const OpResult r = execute_op(*map, op, spec, scratch);
        const uint64_t ret = ++st.clock;
        record_op(history, t, op, r, scratch, call, ret);
        check_op(inv[t], op, r, scratch, target_.contract.iterate_exactly_once);
      }
      sched::clear_op();
    });
  }

  ControlledRun out;
  if (!run_bodies(out, bodies, strategy, opts_.exec, *st.log)) {
    (void)map.release();
    return out;
  }
  check_quiescent(*map, spec, inv, *st.log);
  check::MapCheckOptions co;
  co.budget_s = opts_.checker_budget_s;
  co.iteration_allowed_under_writes = target_.contract.iterate_under_writes;
  const auto report = check::check_map_history(history.merge(), co);
  for (const auto& v : report.violations) {
    const Key k = v.key;
    st.log->add(check::violation_kind_name(v.kind), -1, &k, v.detail);
  }
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
