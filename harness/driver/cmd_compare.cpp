// `contend compare BASELINE CANDIDATE`: loads two result sets (files or folders of contend
// result JSON, or Google Benchmark JSON), compares them (compare/comparer.h), prints the
// terminal table, writes the requested reports, and exits 78 on a regression, 0 otherwise.
#include <iostream>

#include "compare/console_table.h"
#include "driver/commands.h"
#include "report/html_reporter.h"
#include "report/junit_reporter.h"
#include "report/markdown_reporter.h"
#include "util/atomic_file.h"

namespace contend {

int write_comparison_reports(const Options& o, const Comparison& c, const SampleSet& base, const SampleSet& cand,
                             const std::string& title) {
  const std::pair<const std::string*, std::string> reports[] = {
      {&o.markdown, o.markdown.empty() ? "" : render_markdown(c, title)},
      {&o.junit, o.junit.empty() ? "" : render_junit(c, title)},
      {&o.html, o.html.empty() ? "" : render_html(c, base, cand, title)},
  };
  for (const auto& [path, text] : reports) {
    if (path->empty()) continue;
    if (auto st = write_file_atomically(*path, text); !st.ok()) return report_error(st.error());
    std::cerr << "report: " << *path << "\n";
  }
  return 0;
}

int cmd_compare(const Options& o, const std::string& baseline, const std::string& candidate) {
  Thresholds t = default_thresholds();
  if (!o.thresholds.empty()) {
    auto loaded = load_thresholds(o.thresholds);
    if (!loaded.ok()) return report_error(loaded.error());
    t = *loaded;
  }
  auto base = load_samples(baseline);
  if (!base.ok()) return report_error(base.error());
  auto cand = load_samples(candidate);
  if (!cand.ok()) return report_error(cand.error());
  const Comparison c = compare_sets(*base, *cand, t, {.outcomes_only = o.outcomes_only});
  bool failure_without_baseline = false;
  for (const auto& cell : c.cells) failure_without_baseline |= !cell.in_base && !cell.new_failures.empty();
  if (c.matched == 0 && !failure_without_baseline) {
    return report_error(input_error("no cell of '" + candidate + "' matches one of '" + baseline + "'",
                                    "cells match by target, workload/preset, threads (and allocator); "
                                    "compare results of the same configurations"));
  }
  print_comparison(std::cout, c, o.show_all);
  if (int rc = write_comparison_reports(o, c, *base, *cand, "contend compare"); rc != 0) return rc;
  return to_int(c.regression() ? ExitCode::kRegression : ExitCode::kOk);
}

}  // namespace contend
