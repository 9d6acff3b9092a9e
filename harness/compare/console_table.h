// The terminal view of a Comparison: one block per cell with its judged metrics (baseline and
// candidate medians, relative change, p-value, verdict), new failures first, then warnings and
// a one-line summary. `verbose` adds the metrics that are only informational.
#pragma once

#include <ostream>
#include <string>

#include "compare/comparer.h"

namespace contend {

void print_comparison(std::ostream& out, const Comparison& c, bool verbose);

// Shared formatting of the reporters: a metric value in its unit ("1.2 MiB", "35 ns",
// "6.82 M/s"), a relative change ("+12.3%"), a p-value ("0.008", "-").
std::string format_metric_value(const std::string& metric, double v);
std::string format_change(double change);
std::string format_p(double p);
// "1 regression, 2 improvements, 54 unchanged, 3 new failures" style summary line.
std::string summary_line(const Comparison& c);

}  // namespace contend
