// Self-contained HTML report of a comparison (or of one result set: compare it with an empty
// baseline). No network and no external files: inline CSS, inline SVG charts and one inline
// script that only counts the charts into <body data-charts> for the browser test. Charts:
//   - baseline vs candidate bars of throughput_ops_s (contend) or real_time (Google Benchmark);
//   - one latency percentile curve per op type (p50 p90 p99 p99.9 max, log scale), a line per
//     cell, baseline dashed;
//   - one RSS-over-time chart per workload/preset/threads group, a line per target (the first
//     repetition's rss.series), so e.g. ticker vs sessions share one chart;
//   - one retained-bytes bar chart per workload_metrics.*retained* metric, when present.
#pragma once

#include <string>

#include "compare/comparer.h"
#include "compare/sample_set.h"

namespace contend {

std::string render_html(const Comparison& c, const SampleSet& base, const SampleSet& cand, const std::string& title);

// How many <svg class="chart"> render_html emits for these inputs (the browser test's oracle).
int html_chart_count(const SampleSet& base, const SampleSet& cand);

}  // namespace contend
