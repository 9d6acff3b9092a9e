// Program: a complete, small concurrent scenario for controlled runs and fuzzing: each thread's
// operation list, fixed before any thread starts (so the scenario is independent of the
// interleaving), plus a readable label per operation for traces.
#pragma once

#include <string>
#include <vector>

#include "gen/map_mix.h"

namespace contend {

struct Program {
  MapMixSpec spec;                                // threads, key layout, seed it came from
  std::vector<std::vector<Op>> ops;               // ops[thread][i]
  std::vector<std::vector<std::string>> labels;   // "insert(k=3, v=17)", parallel to ops
  std::size_t total_ops() const;
};

// spec.threads x spec.ops_per_thread operations drawn from OpStream(spec, thread).
// spec.ops_per_thread must be > 0.
Program make_program(const MapMixSpec& spec);

// "insert(k=3, v=17)", "add(counter#1, +4)", "find(private T0#2)", "iterate()".
std::string op_label(const Op& op);

// One line per thread, "  T0: insert(k=3, v=17); find(k=3);\n": how every report (replay,
// minimize, the fuzzers' crash reports) shows a scenario's labels, map or pool.
std::string describe_threads(const std::vector<std::vector<std::string>>& labels);

}  // namespace contend
