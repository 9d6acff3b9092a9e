// pool_replay: raw fuzz_pool_controlled inputs through run_pool_fuzz_input.
#include "controlled/pool_replay.h"

#include <fstream>
#include <iterator>
#include <vector>

#include "controlled/pool_fuzz_input.h"
#include "sched/trace.h"
#include "util/error.h"

namespace contend {

const PoolTargetInfo* pool_for_file(const std::string& path, const std::string& target) {
  const auto& reg = PoolRegistry::instance();
  return target != "all" ? reg.find(target) : longest_name_in(path, reg.pools());
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
  out << describe(p);
  if (opts.trace) out << "\ninterleaving:\n" << sched::format_trace(r.run.exec.trace, [&] {
    sched::TraceFormatOptions t;
    t.shared_only = !opts.full_trace;
    return t;
  }()) << "\n";
  print_raw_outcome(out, r.run);
  if (opts.check_determinism && !repeats_identically(out, r.run, [&] {
        ControlledPoolRunner again(pool, ro);
        return run_pool_fuzz_input(again, bytes).run;
      })) {
    return ExitCode::kNondeterministic;
  }
  return exit_code_for(r.run.outcome);
}

}  // namespace contend
