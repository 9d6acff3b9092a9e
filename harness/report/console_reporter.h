// Console reporter: the human-readable summary of one or more runs.
#pragma once

#include <ostream>
#include <vector>

#include "report/result.h"

namespace contend {

// One run: header, latency table per op kind, throughput, RSS, violations, outcome, replay.
void print_run_summary(std::ostream& out, const RunResult& r);

// Several runs (e.g. one per target): one line each.
void print_runs_table(std::ostream& out, const std::vector<RunResult>& runs);

// "1.2 MiB", "-3.4 KiB"
std::string format_bytes(double bytes);
// "850 ns", "12.3 us", "4.1 ms"
std::string format_ns(double ns);

}  // namespace contend
