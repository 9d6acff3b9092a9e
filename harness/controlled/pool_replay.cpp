// pool_replay: raw fuzz_pool_controlled inputs through run_pool_fuzz_input.
#include "controlled/pool_replay.h"

#include <fstream>
#include <iterator>
#include <vector>

#include "controlled/crash_signature.h"
#include "controlled/pool_fuzz_input.h"
#include "sched/trace.h"
#include "util/error.h"

namespace contend {

const PoolTargetInfo* pool_for_file(const std::string& path, const std::string& target) {
  const auto& reg = PoolRegistry::instance();
  if (target != "all") return reg.find(target);
  const PoolTargetInfo* best = nullptr;
  for (const auto& p : reg.pools()) {
    if (path.find(p.name) != std::string::npos && (!best || p.name.size() > best->name.size())) best = &p;
  }
  return best;
}

ExitCode replay_pool_file(const std::string& path, const PoolTargetInfo& pool, const ReplayOptions& opts,
                          std::ostream& out, std::ostream& err) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return static_cast<ExitCode>(print_error(err, input_error("cannot read " + path)));
  const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(f), {}};
  ControlledRunOptions ro;
  ro.exec.record_trace = true;  // for the crash signature; printed only with --trace
  ControlledPoolRunner runner(pool, ro);
  const PoolFuzzInputRun r = run_pool_fuzz_input(runner, bytes);
  const PoolProgram& p = r.input.program;
  out << "raw pool fuzzer input: " << bytes.size() << " bytes, pool " << pool.name << ", "
      << r.input.schedule.size() / 2 << " schedule decisions\nscenario: " << p.threads << " threads\n";
  for (std::size_t t = 0; t < p.labels.size(); ++t) {
    out << "  T" << t << ":";
    for (const auto& l : p.labels[t]) out << " " << l << ";";
    out << "\n";
  }
  if (opts.trace) out << "\ninterleaving:\n" << sched::format_trace(r.run.exec.trace) << "\n";
  out << "outcome: " << outcome_name(r.run.outcome) << " (" << r.run.exec.points << " schedule points, "
      << r.run.exec.switches << " switches)\n";
  for (const auto& v : r.run.violations) out << "  [" << v.kind << "] " << v.detail << "\n";
  if (r.run.outcome != Outcome::kOk && r.run.violations.empty()) out << "  " << r.run.detail << "\n";
  if (r.run.outcome != Outcome::kOk) out << "signature: " << crash_signature(r.run).key() << "\n";
  if (opts.check_determinism) {
    for (int i = 0; i < 2; ++i) {
      ControlledPoolRunner again_runner(pool, ro);
      const auto again = run_pool_fuzz_input(again_runner, bytes);
      if (again.run.outcome != r.run.outcome || again.run.exec.trace_hash != r.run.exec.trace_hash) {
        out << "determinism: DIVERGED on repeat " << i + 1 << "\n";
        return ExitCode::kNondeterministic;
      }
    }
    out << "determinism: 2 more replays identical\n";
  }
  return exit_code_for(r.run.outcome);
}

}  // namespace contend
