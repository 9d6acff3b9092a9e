// Comparer: baseline vs candidate, cell by cell and metric by metric. A performance regression
// needs both a significant two-sided Mann-Whitney U test over the repetitions (p < alpha) and a
// change of the medians beyond the metric's threshold (compare/thresholds.h). A failure kind the
// baseline cell did not have (a violation kind, crash, timeout, oom, deadlock, ...) is always a
// regression, whatever the figures say. Pure function of its inputs.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "compare/sample_set.h"
#include "compare/thresholds.h"

namespace contend {

enum class Verdict {
  kNoChange,     // not significant, or within the threshold
  kImprovement,  // significant and beyond the threshold, in the better direction
  kRegression,   // significant and beyond the threshold, in the worse direction
  kTooFew,       // fewer than min_repetitions on a side: no conclusion
  kInfo,         // a metric with no direction (e.g. max latency): shown, never judged
};
std::string_view verdict_name(Verdict v);

struct MetricComparison {
  std::string metric;
  MetricRule rule;
  double base = NAN, cand = NAN;  // medians
  double change = NAN;            // (cand - base) / |base|; +inf when base is 0 and cand is not
  double p_value = NAN;           // NaN when not computed (too few repetitions or kInfo)
  std::size_t n_base = 0, n_cand = 0;
  Verdict verdict = Verdict::kNoChange;
  std::string note;               // e.g. "significant, within threshold 10%"
};

struct CellComparison {
  std::string key;
  bool in_base = false, in_cand = false;
  std::size_t n_base = 0, n_cand = 0;
  std::vector<std::string> base_failures, cand_failures;  // failure kinds seen ("crash", "lost-update", ...)
  std::vector<std::string> new_failures;                  // in the candidate, not in the baseline
  std::string failure_detail;                             // first candidate failure sentence
  std::vector<MetricComparison> metrics;
  double cand_seconds = 0;                                // summed run time (JUnit time)
  bool regressed() const;
  int count(Verdict v) const;
};

struct CompareOptions {
  // Performance verdicts are shown but do not make the comparison a regression: for a baseline
  // recorded on another machine, where only violations and failures are comparable.
  bool outcomes_only = false;
};

struct Comparison {
  std::string base_origin, cand_origin;
  std::vector<CellComparison> cells;  // sorted by key; cells on one side only are included
  std::vector<std::string> warnings;  // too few repetitions, unmatched cells, ...
  Thresholds thresholds;
  CompareOptions options;
  std::size_t matched = 0;
  bool regression() const;
  int count(Verdict v) const;
};

Comparison compare_sets(const SampleSet& base, const SampleSet& cand, const Thresholds& t,
                        const CompareOptions& o = {});

// The failure kinds of one sample: the outcome name unless ok or unknown, plus violation kinds.
std::vector<std::string> failure_kinds(const Sample& s);
double median(std::vector<double> v);

}  // namespace contend
