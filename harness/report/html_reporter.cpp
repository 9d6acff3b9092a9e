#include "report/html_reporter.h"

#include <set>
#include <sstream>

#include "compare/console_table.h"
#include "compare/svg_chart.h"

namespace contend {

namespace {

constexpr const char* kPercentiles[] = {"p50", "p90", "p99", "p999", "max"};

std::set<std::string> keys_of(const SampleSet& a, const SampleSet& b) {
  std::set<std::string> k;
  for (const auto& [key, _] : a.cells) k.insert(key);
  for (const auto& [key, _] : b.cells) k.insert(key);
  return k;
}

double cell_median(const SampleSet& s, const std::string& key, const std::string& metric) {
  auto it = s.cells.find(key);
  if (it == s.cells.end()) return NAN;
  std::vector<double> v;
  for (const auto& x : it->second.samples) {
    if (auto m = x.metrics.find(metric); m != x.metrics.end()) v.push_back(m->second);
  }
  return median(v);
}

// Metric names present in any sample of either side, filtered by `pred`.
template <class P>
std::set<std::string> metric_names(const SampleSet& a, const SampleSet& b, P pred) {
  std::set<std::string> out;
  for (const SampleSet* s : {&a, &b}) {
    for (const auto& [_, c] : s->cells) {
      for (const auto& x : c.samples) {
        for (const auto& [n, __] : x.metrics) {
          if (pred(n)) out.insert(n);
        }
      }
    }
  }
  return out;
}

std::set<std::string> latency_ops(const SampleSet& a, const SampleSet& b) {
  std::set<std::string> ops;
  for (const auto& n : metric_names(a, b, [](const std::string& m) { return m.starts_with("latency."); })) {
    ops.insert(n.substr(8, n.find('.', 8) - 8));
  }
  return ops;
}

std::set<std::string> bar_metrics(const SampleSet& a, const SampleSet& b) {
  return metric_names(a, b, [](const std::string& m) {
    return m == "throughput_ops_s" || m == "real_time" || glob_match("workload_metrics.*retained*", m);
  });
}

// RSS groups: the cell key without its target (first word), e.g. "map-mix/default t2".
std::string rss_group(const std::string& key) { return key.substr(key.find(' ') + 1); }

std::map<std::string, std::vector<std::string>> rss_groups(const SampleSet& a, const SampleSet& b) {
  std::map<std::string, std::vector<std::string>> g;
  for (const auto& key : keys_of(a, b)) {
    for (const SampleSet* s : {&a, &b}) {
      auto it = s->cells.find(key);
      if (it != s->cells.end() && !it->second.samples.empty() && it->second.samples[0].run &&
          !it->second.samples[0].run->rss.series.empty()) {
        auto& v = g[rss_group(key)];
        if (v.empty() || v.back() != key) v.push_back(key);
      }
    }
  }
  return g;
}

}  // namespace

int html_chart_count(const SampleSet& base, const SampleSet& cand) {
  return static_cast<int>(bar_metrics(base, cand).size() + latency_ops(base, cand).size() +
                          rss_groups(base, cand).size());
}

std::string render_html(const Comparison& c, const SampleSet& base, const SampleSet& cand, const std::string& title) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << html_escape(title) << "</title>\n"
    << "<style>body{font-family:sans-serif;margin:1.5em;max-width:1400px}table{border-collapse:collapse;font-size:12px}"
       "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child,td:nth-child(2){text-align:left}"
       ".REGRESSION{background:#fdd}.improvement{background:#dfd}.bad{color:#b00;font-weight:bold}"
       "svg.chart{border:1px solid #eee;margin:4px;font-family:sans-serif}</style></head>\n<body>\n<h1>"
    << html_escape(title) << "</h1>\n<p class=\"" << (c.regression() ? "bad" : "") << "\">" << html_escape(summary_line(c))
    << "</p>\n<p>Baseline <code>" << html_escape(c.base_origin) << "</code>, candidate <code>"
    << html_escape(c.cand_origin) << "</code>. Dashed lines and blue bars: baseline.</p>\n";
  for (const auto& w : c.warnings) o << "<p>&#9888; " << html_escape(w) << "</p>\n";
  for (const auto& cell : c.cells) {
    if (!cell.new_failures.empty()) {
      o << "<p class=\"bad\">NEW FAILURE in " << html_escape(cell.key) << ": ";
      for (const auto& k : cell.new_failures) o << html_escape(k) << " ";
      o << "&mdash; " << html_escape(cell.failure_detail) << "</p>\n";
    }
  }
  const auto keys = keys_of(base, cand);
  o << "<h2>Baseline vs candidate</h2>\n";
  for (const auto& metric : bar_metrics(base, cand)) {
    SvgBarChart b;
    b.title = metric + " (median)";
    b.unit = metric == "real_time" ? "ns" : metric == "throughput_ops_s" ? "ops/s" : "bytes";
    for (const auto& k : keys) {
      b.categories.push_back(k);
      b.base.push_back(cell_median(base, k, metric));
      b.cand.push_back(cell_median(cand, k, metric));
    }
    o << render_svg(b) << "\n";
  }
  o << "<h2>Latency percentiles per op</h2>\n";
  for (const auto& op : latency_ops(base, cand)) {
    SvgLineChart l;
    l.title = "latency of " + op + " (ns, log scale)";
    l.x_label = "percentile";
    l.y_label = "ns";
    l.log_y = true;
    l.x_ticks = {"p50", "p90", "p99", "p99.9", "max"};
    int color = 0;
    for (const auto& k : keys) {
      for (const SampleSet* s : {&base, &cand}) {
        SvgSeries ser{(s == &base ? "base " : "") + k.substr(0, k.find(' ')), {}, color, s == &base};
        for (int i = 0; i < 5; ++i) {
          const double v = cell_median(*s, k, "latency." + op + "." + kPercentiles[i]);
          if (std::isfinite(v)) ser.points.push_back({double(i), v});
        }
        if (!ser.points.empty()) l.series.push_back(std::move(ser));
      }
      ++color;
    }
    o << render_svg(l) << "\n";
  }
  o << "<h2>RSS over time (first repetition of each cell)</h2>\n";
  for (const auto& [group, cells] : rss_groups(base, cand)) {
    SvgLineChart l;
    l.title = "RSS " + group;
    l.x_label = "seconds";
    l.y_label = "bytes";
    int color = 0;
    for (const auto& k : cells) {
      for (const SampleSet* s : {&base, &cand}) {
        auto it = s->cells.find(k);
        if (it == s->cells.end() || it->second.samples.empty() || !it->second.samples[0].run) continue;
        SvgSeries ser{(s == &base ? "base " : "") + k.substr(0, k.find(' ')), {}, color, s == &base};
        for (const auto& p : it->second.samples[0].run->rss.series) ser.points.push_back({p.t_s, double(p.rss_bytes)});
        l.series.push_back(std::move(ser));
      }
      ++color;
    }
    o << render_svg(l) << "\n";
  }
  o << "<h2>All judged metrics</h2>\n<table><tr><th>cell</th><th>metric</th><th>baseline</th><th>candidate</th>"
       "<th>change</th><th>p</th><th>n</th><th>verdict</th></tr>\n";
  for (const auto& cell : c.cells) {
    for (const auto& m : cell.metrics) {
      if (m.verdict == Verdict::kInfo) continue;
      o << "<tr class=\"" << (m.verdict == Verdict::kRegression ? "REGRESSION" : m.verdict == Verdict::kImprovement ? "improvement" : "")
        << "\"><td>" << html_escape(cell.key) << "</td><td>" << html_escape(m.metric) << "</td><td>"
        << html_escape(format_metric_value(m.metric, m.base)) << "</td><td>"
        << html_escape(format_metric_value(m.metric, m.cand)) << "</td><td>" << format_change(m.change) << "</td><td>"
        << format_p(m.p_value) << "</td><td>" << m.n_base << " vs " << m.n_cand << "</td><td>"
        << verdict_name(m.verdict) << (m.note.empty() ? "" : " (" + html_escape(m.note) + ")") << "</td></tr>\n";
    }
  }
  o << "</table>\n<script>document.body.dataset.charts = document.querySelectorAll('svg.chart').length;</script>\n"
       "</body></html>\n";
  return o.str();
}

}  // namespace contend
