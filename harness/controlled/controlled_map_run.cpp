#include "controlled/controlled_map_run.h"

#include <functional>

#include "check/map_history_check.h"
#include "record/history.h"
#include "runner/map_invariants.h"
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

struct Step {
  bool ok = false;
  Value value = 0;
};

Step execute(AnyMap& map, const Op& op, const MapMixSpec& spec, std::vector<std::pair<Key, Value>>& scratch) {
  switch (op.kind) {
    case OpKind::kInsert: return {map.insert(op.key, op.arg), 0};
    case OpKind::kErase: return {map.erase(op.key), 0};
    case OpKind::kFind: {
      const auto r = map.find(op.key);
      return {r.has_value(), r.value_or(0)};
    }
    case OpKind::kAdd: return {true, map.add(op.key, op.arg)};
    case OpKind::kIterate: return {collect_elements(map, spec, scratch), 0};
    case OpKind::kSize: return {true, static_cast<Value>(map.size())};
  }
  return {};
}

void check_step(ThreadInvariants& inv, const Op& op, const Step& r, std::vector<std::pair<Key, Value>>& scratch,
                bool exactly_once) {
  switch (op.kind) {
    case OpKind::kInsert: inv.after_insert(op.key, op.arg, r.ok); break;
    case OpKind::kErase: inv.after_erase(op.key, r.ok); break;
    case OpKind::kFind: inv.after_find(op.key, r.ok ? std::optional<Value>(r.value) : std::nullopt); break;
    case OpKind::kAdd: inv.after_add(op.key, op.arg, r.value); break;
    case OpKind::kIterate:
      if (!r.ok) inv.report_runaway(scratch.size());
      else inv.after_iterate(scratch, exactly_once);
      break;
    case OpKind::kSize: break;
  }
}

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
        const Step r = execute(*map, op, spec, scratch);
        const uint64_t ret = ++st.clock;
        if (op.kind == OpKind::kIterate) {
          const auto slot = history.begin_iteration(t, call);
          for (const auto& [k, v] : scratch) history.iteration_element(t, slot, k, v);
          history.end_iteration(t, slot, r.ok ? ret : kNoReturn);
        } else {
          history.end(t, history.begin(t, op, call), r.ok, r.value, ret);
        }
        check_step(inv[t], op, r, scratch, target_.contract.iterate_exactly_once);
      }
      sched::clear_op();
    });
  }

  ControlledRun out;
  out.exec = sched::run_controlled(bodies, strategy, opts_.exec);
  out.outcome = outcome_of(out.exec.outcome);
  if (out.outcome != Outcome::kOk) {
    out.detail = out.exec.message;
    (void)map.release();
    out.violations = st.log->snapshot();
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
