// HistoryRecorder construction, iteration records and the post-run merge (including the cut that
// keeps a truncated history sound).
#include "record/history.h"

#include <algorithm>

#include "util/check.h"

namespace contend {

HistoryRecorder::HistoryRecorder(uint32_t threads, size_t capacity_per_thread,
                                 size_t iteration_capacity, size_t element_capacity)
    : threads_(threads),
      capacity_(capacity_per_thread),
      iteration_capacity_(iteration_capacity),
      element_capacity_(element_capacity),
      logs_(std::make_unique<Log[]>(threads)) {
  CONTEND_CHECK(capacity_per_thread < kNoSlot) << "capacity_per_thread too large";
  for (uint32_t t = 0; t < threads; ++t) {
    // value-initialized so that every page is touched now, not on the hot path
    logs_[t].ops = std::make_unique<HistoryOp[]>(capacity_per_thread);
    logs_[t].iterations = std::make_unique<IterSlot[]>(iteration_capacity);
    logs_[t].elements = std::make_unique<std::pair<Key, Value>[]>(element_capacity);
  }
}

HistoryRecorder::~HistoryRecorder() = default;

HistoryRecorder::Slot HistoryRecorder::begin_iteration(uint32_t thread, uint64_t now) {
  Log& log = logs_[thread];
  if (log.full_at != kNoReturn || log.n_iterations == iteration_capacity_) return refuse(log, now);
  IterSlot& it = log.iterations[log.n_iterations];
  it = IterSlot{};
  it.call = now;
  it.first = log.n_elements;
  return static_cast<Slot>(log.n_iterations++);
}

void HistoryRecorder::end_iteration(uint32_t thread, Slot slot, uint64_t now) {
  if (slot == kNoSlot) return;
  logs_[thread].iterations[slot].ret = now;
}

History HistoryRecorder::merge() const {
  History h;
  // Operations invoked after a thread stopped recording are invisible; anything that might have
  // observed them (invoked before the cut but returned after it) loses its response.
  for (uint32_t t = 0; t < threads_; ++t) h.cut = std::min(h.cut, logs_[t].full_at);
  h.truncated = h.cut != kNoReturn;
  for (uint32_t t = 0; t < threads_; ++t) {
    const Log& log = logs_[t];
    for (size_t i = 0; i < log.n_ops; ++i) {
      HistoryOp op = log.ops[i];
      if (op.call >= h.cut) continue;
      if (op.ret != kNoReturn && op.ret > h.cut) op.ret = kNoReturn;
      if (op.ret == kNoReturn) {
        op.ok = false;
        op.value = 0;
      }
      h.ops.push_back(op);
    }
    for (size_t i = 0; i < log.n_iterations; ++i) {
      const IterSlot& s = log.iterations[i];
      // An overflowed iteration has an incomplete `seen` list: it cannot be checked, drop it.
      if (s.overflow) {
        h.truncated = true;
        continue;
      }
      if (h.cut != kNoReturn && (s.call >= h.cut || s.ret == kNoReturn || s.ret > h.cut)) continue;
      IterationRecord r;
      r.thread = t;
      r.call = s.call;
      r.ret = s.ret;
      r.seen.assign(log.elements.get() + s.first, log.elements.get() + s.first + s.count);
      h.iterations.push_back(std::move(r));
    }
  }
  auto by_call = [](const auto& a, const auto& b) {
    return a.call != b.call ? a.call < b.call : a.thread < b.thread;
  };
  std::stable_sort(h.ops.begin(), h.ops.end(), by_call);
  std::stable_sort(h.iterations.begin(), h.iterations.end(), by_call);
  return h;
}

}  // namespace contend
