// One map-mix operation as every runner executes, checks and records it, so stress runs
// (map_stress.cpp) and controlled runs (controlled/controlled_map_run.cpp) cannot drift apart.
#pragma once

#include <utility>
#include <vector>

#include "gen/map_mix.h"
#include "record/history.h"
#include "runner/map_invariants.h"
#include "targets/map_target.h"

namespace contend {

struct OpResult {
  bool ok = false;  // insert/erase: the returned bool; find: found; iterate: finished normally
  Value value = 0;  // find: the value found; add: the new value; size: the size
};

using Elements = std::vector<std::pair<Key, Value>>;

// Executes `op`; an iteration's elements go to `scratch` (see collect_elements). Inline: it is
// the stress runner's hot path.
inline OpResult execute_op(AnyMap& map, const Op& op, const MapMixSpec& spec, Elements& scratch) {
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

// Feeds the result to the thread's invariants (`scratch` holds the iteration's elements).
// Inline: called once per operation on the stress runner's hot path.
inline void check_op(ThreadInvariants& inv, const Op& op, const OpResult& r, Elements& scratch, bool exactly_once) {
  switch (op.kind) {
    case OpKind::kInsert: inv.after_insert(op.key, op.arg, r.ok); break;
    case OpKind::kErase: inv.after_erase(op.key, r.ok); break;
    case OpKind::kFind: inv.after_find(op.key, r.ok ? std::optional<Value>(r.value) : std::nullopt); break;
    case OpKind::kAdd: inv.after_add(op.key, op.arg, r.value); break;
    case OpKind::kIterate:
      if (!r.ok) inv.report_runaway(scratch.size());
      else inv.after_iterate(scratch, exactly_once);
      break;
    case OpKind::kSize: break;  // exact only when quiescent; checked after the run
  }
}

// Appends the operation to `thread`'s history with stamps [call, ret]. Returns false once the
// thread's buffer is full: the recorder then noted the refused stamp, so merge() cuts every
// thread there (stop calling after false).
bool record_op(HistoryRecorder& history, uint32_t thread, const Op& op, const OpResult& r, const Elements& scratch,
               uint64_t call, uint64_t ret);

}  // namespace contend
