#include "runner/map_op.h"

namespace contend {

void check_op(ThreadInvariants& inv, const Op& op, const OpResult& r, Elements& scratch, bool exactly_once) {
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

void record_op(HistoryRecorder& history, uint32_t thread, const Op& op, const OpResult& r, const Elements& scratch,
               uint64_t call, uint64_t ret) {
  if (op.kind == OpKind::kIterate) {
    const auto slot = history.begin_iteration(thread, call);
    for (const auto& [k, v] : scratch) history.iteration_element(thread, slot, k, v);
    history.end_iteration(thread, slot, r.ok ? ret : kNoReturn);
    return;
  }
  history.end(thread, history.begin(thread, op, call), r.ok, r.value, ret);
}

}  // namespace contend
