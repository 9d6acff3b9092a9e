// Interleaving feedback: turns one controlled execution's trace into coverage-like features so
// the fuzzer rewards new orderings, not only new code. Two feature families, each hashed into
// a fixed counter map (collisions only lose signal):
//   switch pairs  (pc before a context switch, pc after it): where a thread was preempted and
//                 where the next one resumed
//   reads-from    (pc of the last write to an address, pc of a read of it by another thread):
//                 which cross-thread communication the interleaving produced
// PCs are taken relative to the executable's load address, so features are the same in every
// process of one binary (corpus merges, AFL++ forks). The counters go to libFuzzer's
// __libfuzzer_extra_counters section and, in AFL++ builds, into map slots of their own.
#pragma once

#include "sched/trace.h"

namespace contend::fuzz {

inline constexpr unsigned kFeedbackCounters = 1 << 14;

// CONTEND_FUZZ_FEEDBACK selects the features: unset or 1 both families, "switch" or "rf" one
// of them, 0 none (the fuzzers then record no trace at all; used to measure the effect).
bool feedback_enabled();

// Once per process, before the first input (LLVMFuzzerInitialize): reserves the AFL++ map
// slots (no-op in libFuzzer and replay builds).
void init_interleaving_feedback();

// Bumps one counter per distinct feature in `trace` (saturating). One pass over the trace, with
// an exact open-addressed last-writer table sized to it.
void record_interleaving_feedback(const sched::Trace& trace);

}  // namespace contend::fuzz
