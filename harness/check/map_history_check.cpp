// check_map_history: runs the MapModel linearizability check and the iteration rules.
#include "check/map_history_check.h"

#include "check/iteration.h"

namespace contend::check {

std::vector<ModelOp<MapModel>> map_model_ops(const History& h) {
  std::vector<ModelOp<MapModel>> ops;
  ops.reserve(h.ops.size());
  for (const HistoryOp& op : h.ops) {
    if (op.kind == OpKind::kSize || op.kind == OpKind::kIterate) continue;
    ModelOp<MapModel> m;
    m.client = op.thread;
    m.input = {op.kind, op.key, op.arg};
    m.output = {op.ok, op.value};
    m.call = op.call;
    m.ret = op.pending() ? kPending : op.ret;
    ops.push_back(m);
  }
  return ops;
}

MapCheckReport check_map_history(const History& h, const MapCheckOptions& options) {
  MapCheckReport report;
  report.truncated = h.truncated;
  const auto ops = map_model_ops(h);
  report.ops_checked = ops.size();
  CheckOptions co;
  co.budget_s = options.budget_s;
  co.max_steps = options.max_steps;
  co.max_cache_entries = options.max_cache_entries;
  co.stop_at_first_failure = !options.all_failing_keys;
  CheckResult r = check_linearizability<MapModel>(ops, co);
  report.verdict = r.verdict;
  report.steps = r.steps;
  for (const Counterexample& c : r.failures) {
    if (report.violations.size() >= options.max_violations) break;
    report.violations.push_back({ViolationKind::kNotLinearizable, c.partition_id, format_counterexample(c)});
  }
  if (r.verdict == Verdict::kUnknown) {
    report.violations.push_back(
        {ViolationKind::kUnknown, 0,
         "linearizability check gave up after " + std::to_string(r.steps) +
             " search steps (budget exhausted); nothing was proven either way"});
  }
  IterationOptions io;
  io.allowed_under_writes = options.iteration_allowed_under_writes;
  io.max_violations = options.max_violations;
  for (Violation& v : check_iterations(h, io)) {
    if (report.violations.size() >= options.max_violations) break;
    report.violations.push_back(std::move(v));
  }
  return report;
}

}  // namespace contend::check
