#include "runner/map_op.h"

namespace contend {

bool record_op(HistoryRecorder& history, uint32_t thread, const Op& op, const OpResult& r, const Elements& scratch,
               uint64_t call, uint64_t ret) {
  if (op.kind == OpKind::kIterate) {
    const auto slot = history.begin_iteration(thread, call);
    for (const auto& [k, v] : scratch) history.iteration_element(thread, slot, k, v);
    history.end_iteration(thread, slot, r.ok ? ret : kNoReturn);
    return slot != HistoryRecorder::kNoSlot;
  }
  const auto slot = history.begin(thread, op, call);
  history.end(thread, slot, r.ok, r.value, ret);
  return slot != HistoryRecorder::kNoSlot;
}

}  // namespace contend
