// History and HistoryRecorder: what a map run did, operation by operation, with the ordering
// information the checkers need (invoke and response stamps per operation).
//
// Stamps are uint64 and only their order matters: monotonic nanoseconds in stress mode, schedule
// step numbers in controlled mode. Operation A precedes B in real time iff A.ret < B.call; equal
// stamps mean "concurrent". kNoReturn marks an operation without a response (crashed, timed out,
// or cut off by truncation): its effect may happen at any point after its call, or never.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "gen/op.h"

namespace contend {

inline constexpr uint64_t kNoReturn = std::numeric_limits<uint64_t>::max();

// One operation, completed (ret != kNoReturn) or pending. `ok`/`value` are the result:
// insert/erase: ok = inserted/erased; find: ok = found, value = found value; add: ok = true,
// value = new value; size: value = size. Meaningless when pending.
struct HistoryOp {
  uint32_t thread = 0;
  OpKind kind = OpKind::kFind;
  bool ok = false;
  Key key = 0;
  Value arg = 0;
  Value value = 0;
  uint64_t call = 0;
  uint64_t ret = kNoReturn;

  bool pending() const { return ret == kNoReturn; }
};

// One whole-map iteration: every (key, value) the iterator produced, in visit order.
struct IterationRecord {
  uint32_t thread = 0;
  uint64_t call = 0;
  uint64_t ret = kNoReturn;  // kNoReturn: the iteration did not finish; `seen` is partial
  std::vector<std::pair<Key, Value>> seen;
};

struct History {
  std::vector<HistoryOp> ops;               // sorted by call stamp after merge()
  std::vector<IterationRecord> iterations;  // sorted by call stamp after merge()
  // A recorder ran out of space. Everything invoked at or after `cut` was dropped and operations
  // spanning `cut` were turned into pending ones, so what remains is still a sound history.
  bool truncated = false;
  uint64_t cut = kNoReturn;
};

// HistoryRecorder: fixed-capacity, per-thread, append-only logs.
//
// Thread-safety: thread t may only call begin*/end*/iteration_element with `thread == t`; distinct
// threads never touch the same cache line, so there is no synchronization on the hot path and no
// allocation after construction. merge() must happen after all recording threads were joined
// (joining provides the happens-before). When a thread's buffer is full, begin() returns kNoSlot,
// the thread stops recording and the merged history is marked truncated.
class HistoryRecorder {
 public:
  using Slot = uint32_t;
  static constexpr Slot kNoSlot = std::numeric_limits<Slot>::max();

  // `iteration_capacity` iterations and `element_capacity` visited elements per thread.
  HistoryRecorder(uint32_t threads, size_t capacity_per_thread, size_t iteration_capacity = 16,
                  size_t element_capacity = 1 << 16);
  HistoryRecorder(const HistoryRecorder&) = delete;
  HistoryRecorder& operator=(const HistoryRecorder&) = delete;
  ~HistoryRecorder();

  // Records the invoke of `op`; returns the slot to pass to end(), or kNoSlot when full.
  Slot begin(uint32_t thread, const Op& op, uint64_t now) {
    Log& log = logs_[thread];
    if (log.full_at != kNoReturn || log.n_ops == capacity_) return refuse(log, now);
    HistoryOp& h = log.ops[log.n_ops];
    h.thread = thread;
    h.kind = op.kind;
    h.key = op.key;
    h.arg = op.arg;
    h.call = now;
    h.ret = kNoReturn;
    return static_cast<Slot>(log.n_ops++);
  }

  // Records the response of the operation begun as `slot` (kNoSlot is ignored).
  void end(uint32_t thread, Slot slot, bool ok, Value value, uint64_t now) {
    if (slot == kNoSlot) return;
    HistoryOp& h = logs_[thread].ops[slot];
    h.ok = ok;
    h.value = value;
    h.ret = now;
  }

  Slot begin_iteration(uint32_t thread, uint64_t now);
  // Records one visited element; an iteration that overflows the element pool truncates.
  void iteration_element(uint32_t thread, Slot slot, Key key, Value value) {
    if (slot == kNoSlot) return;
    Log& log = logs_[thread];
    if (log.n_elements == element_capacity_) {
      log.iterations[slot].overflow = true;
      return;
    }
    log.elements[log.n_elements++] = {key, value};
    ++log.iterations[slot].count;
  }
  void end_iteration(uint32_t thread, Slot slot, uint64_t now);

  // Merges every thread's log into one history sorted by call stamp. Not thread-safe.
  History merge() const;

  uint32_t threads() const { return threads_; }

 private:
  struct IterSlot {
    uint64_t call = 0;
    uint64_t ret = kNoReturn;
    size_t first = 0;  // index of its first element in Log::elements
    size_t count = 0;
    bool overflow = false;
  };
  struct alignas(64) Log {
    std::unique_ptr<HistoryOp[]> ops;
    std::unique_ptr<IterSlot[]> iterations;
    std::unique_ptr<std::pair<Key, Value>[]> elements;
    size_t n_ops = 0;
    size_t n_iterations = 0;
    size_t n_elements = 0;
    uint64_t full_at = kNoReturn;  // stamp of the first refused begin
  };

  Slot refuse(Log& log, uint64_t now) {
    if (log.full_at == kNoReturn) log.full_at = now;
    return kNoSlot;
  }

  uint32_t threads_;
  size_t capacity_;
  size_t iteration_capacity_;
  size_t element_capacity_;
  std::unique_ptr<Log[]> logs_;
};

}  // namespace contend
