// Instrumented micro-kernels (see kernels.h). noinline + an opaque pointer keep one access per
// iteration after optimization.
#include "sched/testing/kernels.h"

namespace contend::sched::testing {

__attribute__((noinline)) long plain_reads(const long* p, long n) {
  long s = 0;
  for (long i = 0; i < n; ++i) {
    s += *p;
    __asm__ volatile("" : "+r"(s), "+r"(p));  // defeat hoisting of the load
  }
  return s;
}

__attribute__((noinline)) void atomic_adds(std::atomic<long>* a, long n) {
  for (long i = 0; i < n; ++i) a->fetch_add(1, std::memory_order_relaxed);
}

}  // namespace contend::sched::testing
