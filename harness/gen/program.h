// Program: a complete concurrent scenario for controlled runs and fuzzing, in three parts (as in
// Lincheck): `init`, run sequentially before any thread starts (brings the container into a
// state: grown, keys present, keys updated many times); the parallel part, each thread's
// operation list; and `post`, run sequentially after every thread finished (finds of the keys
// the threads touched, an iteration, size: catches lost keys and broken structure). Everything
// is fixed before the first operation runs, so the scenario is independent of the interleaving.
// Init and post operations are recorded in the history like any other (on an extra history
// slot, index threads()), so the checkers judge the parallel part against the state init left.
#pragma once

#include <string>
#include <vector>

#include "gen/map_mix.h"

namespace contend {

struct Program {
  MapMixSpec spec;                                // threads, key layout, seed it came from
  std::vector<Op> init;                           // sequential, before the threads start
  std::vector<std::vector<Op>> ops;               // the parallel part: ops[thread][i]
  std::vector<std::vector<std::string>> labels;   // "insert(k=3, v=17)", parallel to ops
  std::vector<Op> post;                           // sequential, after every thread finished
  uint32_t threads() const { return static_cast<uint32_t>(ops.size()); }
  std::size_t parallel_ops() const;               // sum of ops[t].size()
  std::size_t max_thread_ops() const;             // the longest thread
  std::size_t total_ops() const { return init.size() + parallel_ops() + post.size(); }
};

// Fills labels from ops and spec.threads / spec.ops_per_thread from the parallel part's shape
// (ops_per_thread: the longest thread). Every constructor of a Program ends with it.
void finish_program(Program& p);

// spec.threads x spec.ops_per_thread operations drawn from OpStream(spec, thread).
// spec.ops_per_thread must be > 0.
Program make_program(const MapMixSpec& spec);

// "insert(k=3, v=17)", "add(counter#1, +4)", "find(private T0#2)", "iterate()".
std::string op_label(const Op& op);

// One line per thread, "  T0: insert(k=3, v=17); find(k=3);\n": how every report (replay,
// minimize, the fuzzers' crash reports) shows a scenario's labels, map or pool.
std::string describe_threads(const std::vector<std::vector<std::string>>& labels);

// A sequential part in one line, runs of the same kind over consecutive keys folded:
// "insert(k=0..63); find(k=5) x12; iterate(); size()". Empty parts print "(none)".
std::string describe_sequence(const std::vector<Op>& ops);

// The whole scenario, as every report prints it:
//   init (64 ops): insert(k=0..63)
//   T0: erase(k=5); insert(k=64, v=100);
//   T1: erase(k=5);
//   post (4 ops): find(k=5); find(k=64); iterate(); size()
std::string describe_program(const Program& p);

}  // namespace contend
