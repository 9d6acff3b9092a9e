// Google Benchmark JSON (--benchmark_out_format=json, library 1.7) as a SampleSet: one cell per
// run_name, one sample per iteration entry (repetition). Aggregate entries (mean, median,
// stddev, cv) are used only when a run has no iteration entries, the median then being its one
// sample. Times are converted to ns; error_occurred becomes a crash-like failure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "compare/sample_set.h"

namespace contend {

// True when `j` looks like Google Benchmark output (has "benchmarks" and "context").
bool is_gbench_json(const nlohmann::json& j);

// Adds the document's runs to `set`; `where` names the file in errors.
Status read_gbench_json(const nlohmann::json& j, const std::string& where, SampleSet& set);

}  // namespace contend
