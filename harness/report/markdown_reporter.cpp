#include "report/markdown_reporter.h"

#include <sstream>

#include "compare/console_table.h"

namespace contend {

namespace {
std::string cell_escape(std::string s) {
  std::string o;
  for (char ch : s) {
    if (ch == '|') o += "\\|";
    else if (ch == '\n') o += ' ';
    else o += ch;
  }
  return o;
}

void metric_row(std::ostringstream& o, const std::string& cell, const MetricComparison& m) {
  o << "| " << cell_escape(cell) << " | `" << m.metric << "` | " << format_metric_value(m.metric, m.base) << " | "
    << format_metric_value(m.metric, m.cand) << " | " << format_change(m.change) << " | " << format_p(m.p_value)
    << " | " << m.n_base << " vs " << m.n_cand << " | " << verdict_name(m.verdict)
    << (m.note.empty() ? "" : " (" + m.note + ")") << " |\n";
}
constexpr const char* kHeader =
    "| cell | metric | baseline | candidate | change | p | n | verdict |\n|---|---|--:|--:|--:|--:|--:|---|\n";
}  // namespace

std::string render_markdown(const Comparison& c, const std::string& title, const std::string& preface) {
  std::ostringstream o;
  o << "## " << (c.regression() ? ":x: " : ":white_check_mark: ") << title << "\n\n";
  if (!preface.empty()) o << preface << "\n\n";
  o << "**" << summary_line(c) << "**\n\n";
  o << "Baseline `" << c.base_origin << "`, candidate `" << c.cand_origin << "`. A regression needs a two-sided "
    << "Mann-Whitney U p < " << c.thresholds.alpha << " over the repetitions **and** a median change beyond the metric's "
    << "threshold; a new violation, crash or deadlock is always one.\n\n";
  for (const auto& w : c.warnings) o << "> :warning: " << w << "\n>\n";
  if (!c.warnings.empty()) o << "\n";
  bool any_failure = false;
  for (const auto& cell : c.cells) {
    if (cell.new_failures.empty()) continue;
    if (!any_failure) o << "### New failures\n\n| cell | failure | detail |\n|---|---|---|\n";
    any_failure = true;
    std::string kinds;
    for (const auto& k : cell.new_failures) kinds += (kinds.empty() ? "" : ", ") + k;
    o << "| " << cell_escape(cell.key) << " | " << kinds << " | " << cell_escape(cell.failure_detail) << " |\n";
  }
  if (any_failure) o << "\n";
  std::ostringstream changed;
  for (const auto& cell : c.cells) {
    for (const auto& m : cell.metrics) {
      if (m.verdict == Verdict::kRegression || m.verdict == Verdict::kImprovement) metric_row(changed, cell.key, m);
    }
  }
  if (!changed.str().empty()) o << "### Significant changes beyond threshold\n\n" << kHeader << changed.str() << "\n";
  o << "<details><summary>All judged metrics (" << c.cells.size() << " cells)</summary>\n\n" << kHeader;
  for (const auto& cell : c.cells) {
    if (!cell.in_base || !cell.in_cand) {
      o << "| " << cell_escape(cell.key) << " | | | | | | " << cell.n_base << " vs " << cell.n_cand << " | only in the "
        << (cell.in_base ? "baseline" : "candidate") << " |\n";
    }
    for (const auto& m : cell.metrics) {
      if (m.verdict != Verdict::kInfo) metric_row(o, cell.key, m);
    }
  }
  o << "\n</details>\n";
  return o.str();
}

}  // namespace contend
