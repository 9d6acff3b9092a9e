#include "runner/program_execution.h"

#include <algorithm>

namespace contend {

namespace {

std::size_t iterations_in(std::span<const Op> ops) {
  return static_cast<std::size_t>(
      std::count_if(ops.begin(), ops.end(), [](const Op& o) { return o.kind == OpKind::kIterate; }));
}

// History capacities: every slot gets the largest of the parallel threads and the sequential
// part, and room for every iteration it can run (each visits at most collect_elements' cap).
HistoryRecorder make_recorder(const Program& p) {
  std::size_t ops = p.init.size() + p.post.size(), iterations = iterations_in(p.init) + iterations_in(p.post);
  for (const auto& t : p.ops) {
    ops = std::max(ops, t.size());
    iterations = std::max(iterations, iterations_in(t));
  }
  const std::size_t per_iteration = 2 * max_elements(p.spec) + 16;
  return HistoryRecorder(p.threads() + 1, std::max<std::size_t>(ops, 1), std::max<std::size_t>(iterations, 1),
                         std::max<std::size_t>(iterations, 1) * per_iteration);
}

}  // namespace

ProgramExecution::ProgramExecution(const MapTargetInfo& target, const Program& program, ViolationLog& log)
    : target_(target), program_(program), log_(log), map_(target.make()), history_(make_recorder(program)),
      scratch_(program.threads() + 1) {
  inv_.reserve(program.threads() + 1);
  for (uint32_t t = 0; t <= program.threads(); ++t) inv_.emplace_back(program.spec, t, log, t == program.threads());
}

ProgramExecution::~ProgramExecution() = default;

void ProgramExecution::run_op(uint32_t slot, const Op& op) {
  Elements& scratch = scratch_[slot];
  const uint64_t call = clock_.fetch_add(1) + 1;
  const OpResult r = execute_op(*map_, op, program_.spec, scratch);
  const uint64_t ret = clock_.fetch_add(1) + 1;
  record_op(history_, slot, op, r, scratch, call, ret);
  check_op(inv_[slot], op, r, scratch, target_.contract.iterate_exactly_once);
}

check::MapCheckReport ProgramExecution::finish(double checker_budget_s) {
  check_quiescent(*map_, program_.spec, inv_, log_);
  check::MapCheckOptions co;
  co.budget_s = checker_budget_s;
  co.iteration_allowed_under_writes = target_.contract.iterate_under_writes;
  auto report = check::check_map_history(history_.merge(), co);
  for (const auto& v : report.violations) {
    const Key k = v.key;
    log_.add(check::violation_kind_name(v.kind), -1, &k, v.detail);
  }
  return report;
}

}  // namespace contend
