// Strategy: the decision source of a controlled execution (Shuttle-style three-method interface).
// The runtime asks the strategy only at decision points: at the start, when the budget of the
// running thread expires (preemption), and when it blocks, yields or finishes. Between decisions
// the chosen thread runs for `budget` schedule points. Implementations: strategy_random.h,
// strategy_pct.h, strategy_bytes.h, strategy_replay.h.
//
// Thread-safety: a Strategy is used by one controlled execution at a time; the runtime calls it
// only from the thread holding the scheduling token, so it needs no synchronization.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace contend::sched {

// Why the runtime asks for a decision.
enum class PickReason : uint8_t {
  kStart = 0,  // execution begins; current == -1
  kPreempt,    // the running thread's budget expired; it is in `eligible` and may continue
  kBlock,      // the running thread blocked (lock held, cond wait, sleep...); not eligible
  kYield,      // the running thread yielded or spun; not eligible until another progresses
  kFinish,     // the running thread finished
};

struct PickRequest {
  std::span<const uint32_t> eligible;  // ascending vthread ids, never empty
  int current = -1;                    // the thread that ran until now, -1 at kStart
  PickReason reason = PickReason::kStart;
  uint64_t step = 0;  // schedule points executed so far in this execution
};

inline constexpr uint64_t kNoPreemption = 0;

struct Pick {
  uint32_t thread = 0;  // must be an element of PickRequest::eligible
  // Schedule points the chosen thread may run before the next kPreempt decision;
  // kNoPreemption (0) means "until it blocks, yields or finishes".
  uint64_t budget = kNoPreemption;
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  // Called once before each execution with the number of vthreads (1..kMaxThreads).
  virtual void begin_execution(uint32_t nthreads) = 0;
  virtual Pick pick(const PickRequest& req) = 0;
  // Strategy-owned randomness for the caller (e.g. generating the program of an execution from
  // the same seed or fuzzer input). Never called by the runtime itself.
  virtual uint64_t next_u64() = 0;
  // Called after each execution with its schedule-point count (PCT uses it to size its range).
  virtual void end_execution(uint64_t /*steps*/) {}
  virtual std::string_view name() const = 0;
};

}  // namespace contend::sched
