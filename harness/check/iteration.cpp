// Iteration rules (see iteration.h for the contract and why rule 3 is conservative).
#include "check/iteration.h"

#include <unordered_map>

namespace contend::check {
namespace {

bool mutates(OpKind k) { return k == OpKind::kInsert || k == OpKind::kErase || k == OpKind::kAdd; }

std::string iter_name(const IterationRecord& it) {
  return "iteration by thread " + std::to_string(it.thread) + " [" + std::to_string(it.call) +
         ", " + (it.ret == kNoReturn ? std::string("unfinished") : std::to_string(it.ret)) + "]";
}

// The op proving the key present at a point before the iteration started, or null.
const HistoryOp* presence_witness(const std::vector<const HistoryOp*>& ops, uint64_t before) {
  const HistoryOp* w = nullptr;
  for (const HistoryOp* op : ops) {
    if (op->pending() || op->ret >= before) continue;
    bool proves = op->kind == OpKind::kAdd || (op->kind == OpKind::kInsert && op->ok) ||
                  (op->kind == OpKind::kFind && op->ok);
    if (proves && (w == nullptr || op->call > w->call)) w = op;
  }
  return w;
}

}  // namespace

std::vector<Violation> check_iterations(const History& h, const IterationOptions& options) {
  std::vector<Violation> out;
  if (h.iterations.empty()) return out;
  std::unordered_map<Key, std::vector<const HistoryOp*>> by_key;
  std::vector<const HistoryOp*> writes;
  for (const HistoryOp& op : h.ops) {
    if (op.kind == OpKind::kSize || op.kind == OpKind::kIterate) continue;
    by_key[op.key].push_back(&op);
    if (mutates(op.kind)) writes.push_back(&op);
  }
  auto add = [&](ViolationKind k, Key key, std::string detail) {
    if (out.size() < options.max_violations) out.push_back({k, key, std::move(detail)});
  };
  for (const IterationRecord& it : h.iterations) {
    if (out.size() >= options.max_violations) break;
    const uint64_t end = it.ret;  // kNoReturn is the largest stamp
    if (!options.allowed_under_writes) {
      const HistoryOp* w = nullptr;
      for (const HistoryOp* op : writes) {
        if (op->call <= end && (op->pending() || op->ret >= it.call)) {
          w = op;
          break;
        }
      }
      if (w) {
        add(ViolationKind::kIterationContract, 0,
            iter_name(it) + " overlapped " + std::string(op_name(w->kind)) + "(" +
                std::to_string(w->key) + ") by thread " + std::to_string(w->thread) +
                ", but the container's contract forbids iterating concurrently with writes");
        continue;
      }
    }
    std::unordered_map<Key, int> seen;
    for (const auto& [k, v] : it.seen) {
      if (++seen[k] == 2) {
        add(ViolationKind::kIterationDuplicate, k,
            iter_name(it) + " saw key " + std::to_string(k) + " more than once");
      }
      if (seen[k] > 1) continue;
      bool insertable = false;
      if (auto bk = by_key.find(k); bk != by_key.end()) {
        for (const HistoryOp* op : bk->second) {
          bool may_insert = op->kind == OpKind::kAdd ||
                            (op->kind == OpKind::kInsert && (op->ok || op->pending()));
          if (may_insert && op->call <= end) {
            insertable = true;
            break;
          }
        }
      }
      if (!insertable) {
        add(ViolationKind::kIterationPhantom, k,
            iter_name(it) + " saw key " + std::to_string(k) + " (value " + std::to_string(v) +
                ") but no insert or add of that key was invoked before the iteration ended");
      }
    }
    if (it.ret == kNoReturn) continue;
    for (const auto& [k, ops] : by_key) {
      if (seen.count(k)) continue;
      const HistoryOp* w = presence_witness(ops, it.call);
      if (!w) continue;
      const HistoryOp* eraser = nullptr;
      for (const HistoryOp* op : ops) {
        if (op->kind == OpKind::kErase && (op->ok || op->pending()) && op->call <= end &&
            (op->pending() || op->ret >= w->call)) {
          eraser = op;
          break;
        }
      }
      if (eraser) continue;
      add(ViolationKind::kIterationMissed, k,
          iter_name(it) + " did not see key " + std::to_string(k) +
              ", which was present throughout: " + std::string(op_name(w->kind)) + "(" +
              std::to_string(k) + ") by thread " + std::to_string(w->thread) + " returned at " +
              std::to_string(w->ret) + " and no erase of it could take effect before " +
              std::to_string(it.ret));
    }
  }
  return out;
}

}  // namespace contend::check
