// compare_shapes: prints two open-loop results (normally `ticker` and `sessions` on one target)
// side by side: request latency percentiles from the intended start, service p99, RSS start,
// peak, growth and slope, live keys at the end and RSS retained after cleanup, plus the ratio
// sessions/ticker, so a reader sees how much the ticker run under-predicts.
#pragma once

#include <ostream>

#include "report/result.h"

namespace contend::workloads {

void print_shape_comparison(std::ostream& out, const RunResult& a, const RunResult& b);

}  // namespace contend::workloads
