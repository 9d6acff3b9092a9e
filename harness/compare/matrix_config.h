// MatrixConfig: the cells `contend matrix CONFIG` runs, from a JSON file:
//   {"name": "pr", "targets": ["all"] | ["std_mutex_map", ...],
//    "workloads": [{"workload": "map-mix", "presets": ["default", "write-heavy"]}],
//    "threads": [2, 4], "repetitions": 5, "duration_s": 0.5, "seed": 1,
//    "allocators": ["glibc", "jemalloc"],        (only if `contend run` has --allocator)
//    "extra_args": ["--history-ops", "0"]}
// Cells are targets x (workload, preset) x threads x allocators; repetition r runs with seed+r.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/error.h"

namespace contend {

struct MatrixCell {
  std::string target, workload, preset, allocator;  // allocator empty: not a dimension
  uint32_t threads = 0;
  std::string name() const;  // "std_mutex_map map-mix-default t2[ jemalloc]" (file-name safe parts)
};

struct MatrixConfig {
  std::string name = "matrix";
  std::vector<std::string> targets;  // "all" is expanded by the caller (it knows the registry)
  std::vector<std::pair<std::string, std::vector<std::string>>> workloads;  // workload -> presets
  std::vector<uint32_t> threads{2};
  std::vector<std::string> allocators;  // empty: not a dimension
  uint32_t repetitions = 5;
  double duration_s = 0.5;
  uint64_t seed = 1;
  std::vector<std::string> extra_args;
  std::vector<MatrixCell> cells() const;
};

// `allocator_flag_exists`: whether `contend run` accepts --allocator; without it a config that
// names allocators is rejected (the dimension would silently do nothing).
Result<MatrixConfig> parse_matrix_config(std::string_view json_text, const std::string& where,
                                         bool allocator_flag_exists);
Result<MatrixConfig> load_matrix_config(const std::string& path, bool allocator_flag_exists);

}  // namespace contend
