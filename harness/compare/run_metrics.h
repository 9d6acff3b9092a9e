// Metric names the comparer reads from a contend RunResult:
//   throughput_ops_s, latency.<op>.{p50,p90,p99,p999,max,mean}, rss.peak_bytes,
//   rss.slope_bytes_per_s, rss.alloc_slope_bytes_per_s, and every numeric leaf of
//   workload_metrics as workload_metrics.<path> (dots join nested keys).
#pragma once

#include <map>
#include <string>

#include "report/result.h"

namespace contend {

std::map<std::string, double> run_metrics(const RunResult& r);

}  // namespace contend
