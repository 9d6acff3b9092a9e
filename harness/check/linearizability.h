// check_linearizability: Wing & Gong / Lowe search with a memo cache over one model, run per
// partition (P-compositionality), under a time and step budget.
//
// Memory bound: each partition's memo cache holds at most CheckOptions::max_cache_entries
// (linearized-set, state) pairs, each costing about 24 + 8*ceil(n/64) + sizeof(State) bytes
// (+ the state's heap data) for a partition of n operations; the default 2^22 entries stays under
// ~250 MB for partitions up to 1024 operations with inline states. When the cache is full the
// search continues without memoizing new pairs: still correct, but it may then run into the budget
// and answer kUnknown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/model.h"

namespace contend::check {

enum class Verdict : uint8_t { kLinearizable, kNotLinearizable, kUnknown };

// "linearizable", "not linearizable", "unknown": the words check-history prints.
std::string_view verdict_name(Verdict v);

struct CheckOptions {
  double budget_s = 60;                // wall-clock budget for the whole call; then kUnknown
  uint64_t max_steps = 0;              // search-step budget over all partitions; 0 = none
  size_t max_cache_entries = 1 << 22;  // memo cache bound per partition (see file comment)
  // Partitions are checked smallest first, so the first failure is the smallest failing
  // partition. false: check them all and return every failure (smallest first).
  bool stop_at_first_failure = true;
};

struct CounterexampleOp {
  uint32_t client = 0;
  std::string text;  // e.g. "find(7) -> 3"
  uint64_t call = 0;
  uint64_t ret = kPending;
};

// Why one partition is not linearizable, in terms a person can follow.
struct Counterexample {
  std::string partition;                // e.g. "key 7"
  uint64_t partition_id = 0;            // Model::partition of its ops (the key, for MapModel)
  std::vector<CounterexampleOp> ops;    // every op of the partition, by call stamp
  std::vector<size_t> longest_prefix;   // indices into ops, in linearization order
  std::string state_after_prefix;       // model state after longest_prefix
  size_t blocked = 0;                   // index into ops: the op that could not be placed
  std::string reason;                   // one sentence saying why
};

struct CheckResult {
  Verdict verdict = Verdict::kLinearizable;
  std::vector<Counterexample> failures;  // non-empty iff kNotLinearizable; smallest first
  size_t partitions = 0;
  uint64_t steps = 0;                   // search steps over all partitions
  size_t peak_cache_entries = 0;        // largest memo cache of any partition
  bool cache_saturated = false;         // some partition hit max_cache_entries
};

// Multi-line, human-readable rendering (at most ~40 ops, centred on the blocked op).
std::string format_counterexample(const Counterexample& c);

template <Model M>
CheckResult check_linearizability(const std::vector<ModelOp<M>>& history,
                                  const CheckOptions& options = {});

}  // namespace contend::check

#include "check/detail/wgl.h"  // IWYU pragma: export (template definitions)
