#include "report/junit_reporter.h"

#include <cstdio>
#include <sstream>

#include "compare/console_table.h"
#include "compare/svg_chart.h"

namespace contend {

std::string render_junit(const Comparison& c, const std::string& suite) {
  int failures = 0;
  double total = 0;
  std::ostringstream cases;
  for (const auto& cell : c.cells) {
    total += cell.cand_seconds;
    char t[32];
    std::snprintf(t, sizeof t, "%.3f", cell.cand_seconds);
    cases << "  <testcase classname=\"contend." << html_escape(suite) << "\" name=\"" << html_escape(cell.key)
          << "\" time=\"" << t << "\">\n";
    std::string message, text;
    if (!cell.new_failures.empty()) {
      for (const auto& k : cell.new_failures) message += (message.empty() ? "new failure: " : ", ") + k;
      text += cell.failure_detail + "\n";
    }
    if (!c.options.outcomes_only) {
      for (const auto& m : cell.metrics) {
        if (m.verdict != Verdict::kRegression) continue;
        const std::string line = m.metric + " " + format_metric_value(m.metric, m.base) + " -> " +
                                 format_metric_value(m.metric, m.cand) + " (" + format_change(m.change) + ", p=" +
                                 format_p(m.p_value) + ", n=" + std::to_string(m.n_base) + " vs " +
                                 std::to_string(m.n_cand) + ")";
        message += (message.empty() ? "regression: " : "; ") + line;
        text += line + "\n";
      }
    }
    if (!message.empty()) {
      ++failures;
      cases << "    <failure type=\"" << (cell.new_failures.empty() ? "regression" : "violation") << "\" message=\""
            << html_escape(message) << "\">" << html_escape(text) << "</failure>\n";
    }
    cases << "    <system-out>" << html_escape("n=" + std::to_string(cell.n_base) + " vs " + std::to_string(cell.n_cand))
          << "</system-out>\n  </testcase>\n";
  }
  char t[32];
  std::snprintf(t, sizeof t, "%.3f", total);
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"contend\" tests=\"" << c.cells.size()
    << "\" failures=\"" << failures << "\" errors=\"0\" time=\"" << t << "\">\n <testsuite name=\"contend."
    << html_escape(suite) << "\" tests=\"" << c.cells.size() << "\" failures=\"" << failures
    << "\" errors=\"0\" skipped=\"0\" time=\"" << t << "\">\n"
    << cases.str() << " </testsuite>\n</testsuites>\n";
  return o.str();
}

}  // namespace contend
