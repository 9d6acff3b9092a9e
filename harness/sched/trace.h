// Trace: the optional full step log of one controlled execution, and its human-readable printer.
// Recording costs a vector push per point; enable it only to show a failure (replay --trace).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sched/event.h"

namespace contend::sched {

inline constexpr uint32_t kNoOp = UINT32_MAX;

struct TraceEvent {
  uint64_t step = 0;          // schedule-point counter when the event happened
  uint32_t op = kNoOp;        // index into Trace::ops: the thread's annotated operation
  uint16_t tid = 0;           // vthread id
  EventKind kind = EventKind::kRead;
  const void* addr = nullptr;  // accessed / locked / waited-on object
  uintptr_t pc = 0;           // return address into the instrumented caller (0 if unknown)
};

// A memory range the trace names itself (e.g. the container under test as "target").
struct NamedRegion {
  uintptr_t base = 0;
  size_t size = 0;
  std::string name;
};

struct Trace {
  std::vector<TraceEvent> events;
  std::vector<std::string> ops;  // labels given through annotate_op(), in order of first use
  std::vector<NamedRegion> regions;  // filled in by the caller of run_controlled
};

struct TraceFormatOptions {
  bool symbolize = true;        // resolve PCs to function + file:line through addr2line
  bool fold = true;             // merge consecutive identical (kind, location) lines of a thread
  bool show_addresses = true;   // name the object each event touched (see memory_names)
  // Only accesses to memory that more than one thread touched (and blocking, waking, yielding):
  // what decides an interleaving. The rest is counted in one closing line.
  bool shared_only = false;
  size_t max_events = 100000;   // stop printing after this many events (0 = no limit)
};

// Stable names for the addresses of a trace, so that two runs of one build print the same text
// whatever ASLR did: an address inside a NamedRegion is "name+0xOFF"; one inside a loaded module
// is "symbol+0xOFF" (dladdr) or "module+0xOFF"; any other (heap, stacks) is "mem#N", N the order
// in which the trace first touched it (executions are deterministic, so N is too).
std::vector<std::string> memory_names(const Trace& trace);

// Renders the trace: one block per run of consecutive steps of one thread, headed by the thread
// and its annotated operation, e.g.
//   --- T1 insert(k=17) [steps 40..52]
//       lock 0x7ffd..  x1  in tbb::...::acquire at tbb/spin_rw_mutex.h:123
std::string format_trace(const Trace& trace, const TraceFormatOptions& opts = {});

// "function at file:line" for each PC (in this process), via dladdr + addr2line; "??" if unknown.
std::vector<std::string> symbolize_pcs(std::span<const uintptr_t> pcs);

}  // namespace contend::sched
