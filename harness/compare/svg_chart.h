// Inline SVG charts for the HTML report: no script, no network, fixed size, scaled with viewBox.
// Every chart is one <svg class="chart" data-chart="TITLE"> element, which the browser test counts.
#pragma once

#include <string>
#include <vector>

namespace contend {

struct SvgSeries {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (x, y)
  int color = 0;        // palette index; baseline and candidate of one cell share it
  bool dashed = false;  // baseline
};

struct SvgLineChart {
  std::string title, x_label, y_label;
  bool log_y = false;
  std::vector<std::string> x_ticks;  // when set, x values are indices into these labels
  std::vector<SvgSeries> series;
};

struct SvgBarChart {
  std::string title, unit;  // unit: "ns", "bytes", "ops/s" (formats the value labels)
  std::vector<std::string> categories;
  std::vector<double> base, cand;  // NaN: no bar
};

std::string render_svg(const SvgLineChart& c);
std::string render_svg(const SvgBarChart& c);
std::string html_escape(const std::string& s);

}  // namespace contend
