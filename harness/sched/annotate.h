// Harness-side hooks that label what a vthread is doing, so traces and deadlock reports can say
// "T1 insert(k=17): lock 0x.. at tbb/concurrent_hash_map.h:123". All functions are cheap no-ops
// outside a controlled execution, so adapters and drivers may call them unconditionally.
#pragma once

#include <cstdint>
#include <string_view>

namespace contend::sched {

// Sets the current operation label of the calling vthread (copied; not a schedule point).
void annotate_op(std::string_view label);
// Same with the label "<op>(k=<key>)", formatted by the (uninstrumented) runtime only inside a
// vthread: no stdio, no schedule points, nothing to build for callers outside an execution.
void annotate_op(std::string_view op, long key);
// Clears it (e.g. between operations).
void clear_op();
// True inside a vthread of a running controlled execution.
bool in_controlled_thread();
// The calling vthread's id, or -1.
int current_vthread();
// Schedule points executed so far in the running execution (0 outside one): where an operation
// starts, in the units of Decision::at_step.
uint64_t execution_step();

}  // namespace contend::sched
