// stress_once: real threads, atomic logical clock, the controlled runs' checks.
#include "stress_once.h"

#include <atomic>
#include <thread>

#include "check/map_history_check.h"
#include "record/history.h"
#include "runner/map_invariants.h"

namespace contend::fuzz {

DecodeLimits stress_limits(const MapTargetInfo& target) {
  const MapContract& c = target.contract;
  return DecodeLimits{.max_threads = c.concurrent_ops ? kDecodedMaxThreads : 1,
                      .erase = c.concurrent_erase,
                      .iterate = c.iterate_under_writes};
}

ControlledRun stress_once(const MapTargetInfo& target, const Program& program) {
  const MapMixSpec& spec = program.spec;
  ViolationLog log;
  std::unique_ptr<AnyMap> map = target.make();
  HistoryRecorder history(spec.threads, spec.ops_per_thread, 8, 8 * max_elements(spec));
  std::vector<ThreadInvariants> inv;
  for (uint32_t t = 0; t < spec.threads; ++t) inv.emplace_back(spec, t, log);
  std::atomic<uint64_t> clock{0};
  std::atomic<uint32_t> ready{0};
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < spec.threads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::pair<Key, Value>> scratch;
      ready.fetch_add(1);
      while (ready.load() < spec.threads) std::this_thread::yield();
      for (const Op& op : program.ops[t]) {
        const uint64_t call = clock.fetch_add(1) + 1;
        bool ok = true;
        Value value = 0;
        switch (op.kind) {
          case OpKind::kInsert: ok = map->insert(op.key, op.arg); break;
          case OpKind::kErase: ok = map->erase(op.key); break;
          case OpKind::kFind: {
            const auto r = map->find(op.key);
            ok = r.has_value();
            value = r.value_or(0);
            break;
          }
          case OpKind::kAdd: value = map->add(op.key, op.arg); break;
          case OpKind::kIterate: ok = collect_elements(*map, spec, scratch); break;
          case OpKind::kSize: value = static_cast<Value>(map->size()); break;
        }
        const uint64_t ret = clock.fetch_add(1) + 1;
        switch (op.kind) {
          case OpKind::kIterate: {
            const auto slot = history.begin_iteration(t, call);
            for (const auto& [k, v] : scratch) history.iteration_element(t, slot, k, v);
            history.end_iteration(t, slot, ok ? ret : kNoReturn);
            if (!ok) inv[t].report_runaway(scratch.size());
            else inv[t].after_iterate(scratch, target.contract.iterate_exactly_once);
            break;
          }
          default:
            history.end(t, history.begin(t, op, call), ok, value, ret);
            if (op.kind == OpKind::kInsert) inv[t].after_insert(op.key, op.arg, ok);
            if (op.kind == OpKind::kErase) inv[t].after_erase(op.key, ok);
            if (op.kind == OpKind::kFind) inv[t].after_find(op.key, ok ? std::optional<Value>(value) : std::nullopt);
            if (op.kind == OpKind::kAdd) inv[t].after_add(op.key, op.arg, value);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  check_quiescent(*map, spec, inv, log);
  check::MapCheckOptions co;
  co.iteration_allowed_under_writes = target.contract.iterate_under_writes;
  const auto report = check::check_map_history(history.merge(), co);
  for (const auto& v : report.violations) {
    const Key k = v.key;
    log.add(check::violation_kind_name(v.kind), -1, &k, v.detail);
  }
  ControlledRun out;
  out.violations = log.snapshot();
  if (!out.violations.empty()) {
    out.outcome = Outcome::kViolation;
    out.detail = out.violations.front().detail;
  }
  return out;
}

}  // namespace contend::fuzz
