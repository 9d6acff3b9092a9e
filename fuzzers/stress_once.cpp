// stress_once: real threads, atomic logical clock, the controlled runs' checks.
#include "stress_once.h"

#include <atomic>
#include <thread>

#include "runner/program_execution.h"

namespace contend::fuzz {

DecodeLimits stress_limits(const MapTargetInfo& target) {
  const MapContract& c = target.contract;
  return DecodeLimits{.max_threads = c.concurrent_ops ? kDecodedMaxThreads : 1,
                      .erase = c.concurrent_erase,
                      .iterate = c.iterate_under_writes};
}

ControlledRun stress_once(const MapTargetInfo& target, const Program& program) {
  ViolationLog log;
  ProgramExecution ex(target, program, log);
  ex.run_sequence(program.init);
  std::atomic<uint32_t> ready{0};
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < program.threads(); ++t) {
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < program.threads()) std::this_thread::yield();
      for (const Op& op : program.ops[t]) ex.run_op(t, op);
    });
  }
  for (auto& th : threads) th.join();
  ex.run_sequence(program.post);
  ex.finish(60);
  ControlledRun out;
  out.violations = log.snapshot();
  if (!out.violations.empty()) {
    out.outcome = Outcome::kViolation;
    out.detail = out.violations.front().detail;
  }
  return out;
}

}  // namespace contend::fuzz
