#include "report/console_reporter.h"

#include <cmath>
#include <cstdio>

#include "gen/op.h"

namespace contend {

namespace {
std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
}  // namespace

std::string format_bytes(double b) {
  const double a = std::abs(b);
  if (a >= 1024.0 * 1024 * 1024) return fmt("%.2f GiB", b / (1024.0 * 1024 * 1024));
  if (a >= 1024.0 * 1024) return fmt("%.1f MiB", b / (1024.0 * 1024));
  if (a >= 1024.0) return fmt("%.1f KiB", b / 1024.0);
  return fmt("%.0f B", b);
}

std::string format_ns(double ns) {
  if (ns >= 1e9) return fmt("%.2f s", ns / 1e9);
  if (ns >= 1e6) return fmt("%.2f ms", ns / 1e6);
  if (ns >= 1e3) return fmt("%.2f us", ns / 1e3);
  return fmt("%.0f ns", ns);
}

void print_run_summary(std::ostream& out, const RunResult& r) {
  char line[256];
  out << "== " << r.target << "  " << r.workload << "/" << r.params.value("preset", std::string("?")) << "  threads="
      << r.threads << " seed=" << r.seed << " mode=" << r.mode << "\n";
  for (const auto& n : r.notes) out << "   note: " << n << "\n";
  std::snprintf(line, sizeof line, "   %-8s %10s %10s %10s %10s %10s %10s\n", "op", "count", "p50", "p90", "p99",
                "p99.9", "max");
  out << line;
  for (auto name : kOpNames) {
    auto it = r.latency_ns.find(std::string(name));
    if (it == r.latency_ns.end() || it->second.count == 0) continue;
    const auto& l = it->second;
    std::snprintf(line, sizeof line, "   %-8s %10llu %10s %10s %10s %10s %10s\n", it->first.c_str(),
                  static_cast<unsigned long long>(l.count), format_ns(double(l.p50)).c_str(),
                  format_ns(double(l.p90)).c_str(), format_ns(double(l.p99)).c_str(),
                  format_ns(double(l.p999)).c_str(), format_ns(double(l.max)).c_str());
    out << line;
  }
  std::snprintf(line, sizeof line, "   throughput %.3f Mops/s (%llu ops in %.2f s)\n", r.throughput_ops_s / 1e6,
                static_cast<unsigned long long>(r.total_ops), r.duration_s);
  out << line;
  out << "   rss start " << format_bytes(double(r.rss.start_bytes)) << "  peak " << format_bytes(double(r.rss.peak_bytes))
      << "  end " << format_bytes(double(r.rss.end_bytes)) << "  slope " << format_bytes(r.rss.slope_bytes_per_s)
      << "/s  (allocator in-use " << format_bytes(double(r.rss.alloc_start_bytes)) << " -> "
      << format_bytes(double(r.rss.alloc_end_bytes)) << ", " << r.rss.samples << " samples)\n";
  if (r.history_ops_checked > 0) {
    out << "   linearizability: " << r.history_verdict << " (" << r.history_ops_checked << " recorded ops checked"
        << (r.history_truncated ? ", prefix of the run" : "") << ")\n";
  }
  if (r.violations_total > 0) {
    out << "   violations: " << r.violations_total << (r.violations_total > r.violations.size() ? " (first shown)" : "")
        << "\n";
    std::size_t shown = 0;
    for (const auto& v : r.violations) {
      if (++shown > 10) {
        out << "     ... " << (r.violations.size() - 10) << " more in the result JSON\n";
        break;
      }
      out << "     [" << v.kind << "] " << v.detail << "\n";
    }
  }
  out << "   outcome: " << outcome_name(r.outcome);
  if (!r.outcome_detail.empty()) out << " (" << r.outcome_detail << ")";
  out << "\n";
  if (r.outcome != Outcome::kOk) out << "   replay: " << r.replay_command << "\n";
}

void print_runs_table(std::ostream& out, const std::vector<RunResult>& runs) {
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %12s %10s %10s %10s %10s %8s  %s\n", "target", "Mops/s", "p50", "p99",
                "p99.9", "rss peak", "viol", "outcome");
  out << line;
  for (const auto& r : runs) {
    uint64_t p50 = 0, p99 = 0, p999 = 0, n = 0;
    for (const auto& [op, l] : r.latency_ns) {  // the most frequent op stands for the run
      if (l.count > n) {
        n = l.count;
        p50 = l.p50;
        p99 = l.p99;
        p999 = l.p999;
      }
    }
    std::snprintf(line, sizeof line, "%-24s %12.3f %10s %10s %10s %10s %8llu  %s\n", r.target.c_str(),
                  r.throughput_ops_s / 1e6, format_ns(double(p50)).c_str(), format_ns(double(p99)).c_str(),
                  format_ns(double(p999)).c_str(), format_bytes(double(r.rss.peak_bytes)).c_str(),
                  static_cast<unsigned long long>(r.violations_total), std::string(outcome_name(r.outcome)).c_str());
    out << line;
  }
}

}  // namespace contend
