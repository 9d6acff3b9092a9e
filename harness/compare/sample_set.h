// SampleSet: the runs of one side of a comparison, grouped into cells. A cell is one
// configuration (target, workload, preset, threads, allocator for contend results; the run name
// for Google Benchmark entries); its samples are the repetitions. Loading accepts a result JSON,
// a Google Benchmark JSON, or a folder searched recursively for *.json files of either kind.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "report/result.h"
#include "util/error.h"
#include "util/outcome.h"

namespace contend {

struct Sample {
  std::string source;                     // file (and benchmark entry) it came from
  std::map<std::string, double> metrics;  // metric name -> value (names: compare/run_metrics.h)
  Outcome outcome = Outcome::kOk;
  std::string failure;                    // outcome_detail or first violation / benchmark error
  std::vector<std::string> violation_kinds;
  double duration_s = 0;
  std::shared_ptr<const RunResult> run;   // the full result (contend format only), for plots
};

struct Cell {
  std::string key;  // e.g. "std_mutex_map map-mix/default t2"; equal keys are compared
  std::vector<Sample> samples;
};

struct SampleSet {
  std::string origin;  // what was loaded (the path given)
  std::string format;  // "contend", "gbench" or "mixed"
  std::map<std::string, Cell> cells;
  void add(std::string key, Sample s);
};

// The cell key of a contend result: the seed is left out, so repetitions with different seeds
// of one configuration are samples of one cell.
std::string cell_key(const RunResult& r);

// Loads `path` (file or folder). Errors name the file and what is wrong (exit code 3 for a
// malformed or truncated file or a schema mismatch, 4 for a missing path).
Result<SampleSet> load_samples(const std::string& path);

}  // namespace contend
