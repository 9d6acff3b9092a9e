// benchmark_execute: one map-mix operation on a container for Google Benchmark loops, with
// DoNotOptimize on every result. M is a concrete MapTarget (the raw loop) or AnyMap (the
// virtual-dispatch loop contend itself uses), so both benchmark programs measure the same op.
#pragma once

#include <benchmark/benchmark.h>

#include "gen/op.h"

namespace contend {

template <class M>
inline void benchmark_execute(M& m, const Op& op) {
  switch (op.kind) {
    case OpKind::kInsert: benchmark::DoNotOptimize(m.insert(op.key, op.arg)); break;
    case OpKind::kErase: benchmark::DoNotOptimize(m.erase(op.key)); break;
    case OpKind::kFind: benchmark::DoNotOptimize(m.find(op.key)); break;
    case OpKind::kAdd: benchmark::DoNotOptimize(m.add(op.key, op.arg)); break;
    case OpKind::kIterate: m.for_each([](Key, Value) {}); break;
    case OpKind::kSize: benchmark::DoNotOptimize(m.size()); break;
  }
}

}  // namespace contend
