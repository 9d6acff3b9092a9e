// Thresholds: which metrics the comparer judges, in which direction, and how large a change
// must be before a significant difference counts as a regression or an improvement. Loaded from
// a JSON config (`contend compare --thresholds FILE`); rules in the file come before the built-in
// defaults, and the first rule whose pattern matches a metric name wins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace contend {

enum class Better { kLower, kHigher, kNone };  // kNone: reported, never judged

struct MetricRule {
  std::string match;       // glob over metric names; '*' matches any run of characters
  Better better = Better::kNone;
  double rel = 0.10;       // the change must exceed rel * |baseline median| ...
  double abs = 0;          // ... and abs (in the metric's unit), so values near zero are not judged by ratio
};

struct Thresholds {
  double alpha = 0.05;          // significance level of the two-sided U test
  int min_repetitions = 4;      // per side; below it the verdict is "too few repetitions"
  int warn_repetitions = 9;     // per side; below it the report warns that the test has low power
  std::vector<MetricRule> rules;

  // The first rule matching `metric`; a kNone rule when none matches.
  MetricRule rule_for(std::string_view metric) const;
};

// The built-in defaults (README.md "Comparing runs" explains each figure).
Thresholds default_thresholds();

// Parses a config document: {"alpha": .., "min_repetitions": .., "warn_repetitions": ..,
// "metrics": [{"match": "latency.*.p99", "better": "lower|higher|none", "rel": 0.2, "abs": 50}]}.
// Every key is optional; its rules are put in front of the defaults.
Result<Thresholds> parse_thresholds(std::string_view json_text, const std::string& where);
Result<Thresholds> load_thresholds(const std::string& path);

bool glob_match(std::string_view pattern, std::string_view text);
std::string_view better_name(Better b);

}  // namespace contend
