// Instrumented micro-kernels for sched_bench: loops whose every iteration is exactly one
// schedule point of a known kind, to measure per-point overhead and switch cost.
#pragma once

#include <atomic>

namespace contend::sched::testing {

// n instrumented plain 8-byte loads of *p (every-access mode: n points). Returns their sum.
long plain_reads(const long* p, long n);
// n atomic fetch_add on *a (n points).
void atomic_adds(std::atomic<long>* a, long n);

}  // namespace contend::sched::testing
