#include "compare/console_table.h"

#include <cmath>
#include <cstdio>

#include "report/console_reporter.h"

namespace contend {

namespace {
bool ends_with(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
}  // namespace

std::string format_metric_value(const std::string& metric, double v) {
  if (std::isnan(v)) return "-";
  if (metric.starts_with("latency.") || metric == "real_time" || metric == "cpu_time") return format_ns(v);
  if (ends_with(metric, "bytes_per_s")) return format_bytes(v) + "/s";
  if (ends_with(metric, "_bytes") || ends_with(metric, "bytes")) return format_bytes(v);
  if (ends_with(metric, "_per_second") || ends_with(metric, "ops_s")) {
    if (std::abs(v) >= 1e6) return fmt("%.3f M/s", v / 1e6);
    if (std::abs(v) >= 1e3) return fmt("%.2f k/s", v / 1e3);
    return fmt("%.2f /s", v);
  }
  return fmt("%.4g", v);
}

std::string format_change(double change) {
  if (std::isnan(change)) return "-";
  if (std::isinf(change)) return change > 0 ? "+inf" : "-inf";
  return fmt("%+.1f%%", change * 100);
}

std::string format_p(double p) { return std::isnan(p) ? "-" : fmt("%.3f", p); }

std::string summary_line(const Comparison& c) {
  int new_failures = 0;
  for (const auto& cell : c.cells) new_failures += static_cast<int>(!cell.new_failures.empty());
  std::string s = std::to_string(c.cells.size()) + " cells (" + std::to_string(c.matched) + " matched): " +
                  std::to_string(new_failures) + " with new failures, " + std::to_string(c.count(Verdict::kRegression)) +
                  " metric regressions, " + std::to_string(c.count(Verdict::kImprovement)) + " improvements, " +
                  std::to_string(c.count(Verdict::kNoChange)) + " unchanged, " + std::to_string(c.count(Verdict::kTooFew)) +
                  " too few repetitions";
  if (c.options.outcomes_only) s += " (performance advisory only: --outcomes-only)";
  return s + (c.regression() ? "  => REGRESSION" : "  => no regression");
}

void print_comparison(std::ostream& out, const Comparison& c, bool verbose) {
  out << "baseline:  " << c.base_origin << "\ncandidate: " << c.cand_origin << "\n";
  char line[512];
  for (const auto& cell : c.cells) {
    out << "\n== " << cell.key << "  (n=" << cell.n_base << " vs " << cell.n_cand << ")"
        << (cell.regressed() ? "  REGRESSED" : "") << "\n";
    if (!cell.new_failures.empty()) {
      out << "   NEW FAILURE:";
      for (const auto& f : cell.new_failures) out << " " << f;
      out << "\n   " << cell.failure_detail << "\n";
    }
    if (!cell.in_base || !cell.in_cand) {
      out << "   only in the " << (cell.in_base ? "baseline" : "candidate") << "\n";
      continue;
    }
    std::snprintf(line, sizeof line, "   %-34s %12s %12s %9s %7s  %s\n", "metric", "baseline", "candidate", "change",
                  "p", "verdict");
    out << line;
    for (const auto& m : cell.metrics) {
      if (m.verdict == Verdict::kInfo && !verbose) continue;
      std::string v(verdict_name(m.verdict));
      if (!m.note.empty()) v += " (" + m.note + ")";
      std::snprintf(line, sizeof line, "   %-34s %12s %12s %9s %7s  %s\n", m.metric.c_str(),
                    format_metric_value(m.metric, m.base).c_str(), format_metric_value(m.metric, m.cand).c_str(),
                    format_change(m.change).c_str(), format_p(m.p_value).c_str(), v.c_str());
      out << line;
    }
  }
  out << "\n";
  for (const auto& w : c.warnings) out << "warning: " << w << "\n";
  out << "thresholds: alpha " << c.thresholds.alpha << ", a regression needs p < alpha and a median change beyond the "
      << "metric's threshold\n";
  out << summary_line(c) << "\n";
}

}  // namespace contend
