#include "compare/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/console_reporter.h"

namespace contend {

namespace {
constexpr double kW = 640, kH = 300, kL = 70, kR = 170, kT = 30, kB = 40;  // size and margins
const char* const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"};

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

std::string label_value(double v, const std::string& unit) {
  if (unit == "ns") return format_ns(v);
  if (unit == "bytes") return format_bytes(v);
  char b[32];
  if (std::abs(v) >= 1e6) std::snprintf(b, sizeof b, "%.2fM", v / 1e6);
  else if (std::abs(v) >= 1e3) std::snprintf(b, sizeof b, "%.1fk", v / 1e3);
  else std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

void open_svg(std::ostringstream& o, const std::string& title) {
  o << "<svg class=\"chart\" data-chart=\"" << html_escape(title) << "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
    << kW << " " << kH << "\" width=\"" << kW << "\" height=\"" << kH << "\" role=\"img\">"
    << "<title>" << html_escape(title) << "</title><text x=\"" << kL << "\" y=\"18\" font-weight=\"bold\">"
    << html_escape(title) << "</text>";
}
}  // namespace

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string render_svg(const SvgLineChart& c) {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const auto& s : c.series) {
    for (auto [x, y] : s.points) {
      if (c.log_y && y <= 0) continue;
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  }
  if (!std::isfinite(x0)) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  if (!c.log_y) y0 = std::min(0.0, y0);
  if (x1 == x0) x1 = x0 + 1;
  if (y1 == y0) y1 = y0 + 1;
  auto ty = [&](double y) { return c.log_y ? std::log10(std::max(y, 1e-9)) : y; };
  const double ly0 = ty(y0), ly1 = ty(y1);
  auto px = [&](double x) { return kL + (x - x0) / (x1 - x0) * (kW - kL - kR); };
  auto py = [&](double y) { return kH - kB - (ty(y) - ly0) / (ly1 - ly0 == 0 ? 1 : ly1 - ly0) * (kH - kT - kB); };
  std::ostringstream o;
  open_svg(o, c.title);
  const std::string unit = c.y_label == "bytes" ? "bytes" : c.y_label == "ns" ? "ns" : "";
  o << "<g stroke=\"#ccc\">";
  for (int i = 0; i <= 4; ++i) {
    const double yy = kT + i * (kH - kT - kB) / 4;
    o << "<line x1=\"" << kL << "\" x2=\"" << kW - kR << "\" y1=\"" << num(yy) << "\" y2=\"" << num(yy) << "\"/>";
  }
  o << "</g><g font-size=\"11\">";
  for (int i = 0; i <= 4; ++i) {
    const double f = 1 - i / 4.0;
    const double v = c.log_y ? std::pow(10, ly0 + f * (ly1 - ly0)) : y0 + f * (y1 - y0);
    o << "<text x=\"" << kL - 4 << "\" y=\"" << num(kT + i * (kH - kT - kB) / 4 + 4) << "\" text-anchor=\"end\">"
      << html_escape(label_value(v, unit)) << "</text>";
  }
  for (std::size_t i = 0; i < c.x_ticks.size(); ++i) {
    o << "<text x=\"" << num(px(double(i))) << "\" y=\"" << kH - kB + 15 << "\" text-anchor=\"middle\">"
      << html_escape(c.x_ticks[i]) << "</text>";
  }
  if (c.x_ticks.empty()) {
    o << "<text x=\"" << kL << "\" y=\"" << kH - kB + 15 << "\">" << num(x0) << "</text><text x=\"" << kW - kR
      << "\" y=\"" << kH - kB + 15 << "\" text-anchor=\"end\">" << num(x1) << "</text>";
  }
  o << "<text x=\"" << (kL + kW - kR) / 2 << "\" y=\"" << kH - 6 << "\" text-anchor=\"middle\">" << html_escape(c.x_label)
    << "</text></g>";
  int legend = 0;
  for (const auto& s : c.series) {
    const char* col = kPalette[s.color % 10];
    o << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << col << "\""
      << (s.dashed ? " stroke-dasharray=\"6 4\"" : "") << " points=\"";
    for (auto [x, y] : s.points) {
      if (c.log_y && y <= 0) continue;
      o << num(px(x)) << "," << num(py(y)) << " ";
    }
    o << "\"/>";
    const double ly = kT + 14.0 * legend++;
    o << "<line x1=\"" << kW - kR + 8 << "\" x2=\"" << kW - kR + 28 << "\" y1=\"" << ly << "\" y2=\"" << ly
      << "\" stroke-width=\"2\" stroke=\"" << col << "\"" << (s.dashed ? " stroke-dasharray=\"6 4\"" : "")
      << "/><text font-size=\"10\" x=\"" << kW - kR + 32 << "\" y=\"" << ly + 3 << "\">" << html_escape(s.name)
      << "</text>";
  }
  o << "</svg>";
  return o.str();
}

std::string render_svg(const SvgBarChart& c) {
  double vmax = 0;
  for (double v : c.base) if (std::isfinite(v)) vmax = std::max(vmax, v);
  for (double v : c.cand) if (std::isfinite(v)) vmax = std::max(vmax, v);
  if (vmax <= 0) vmax = 1;
  std::ostringstream o;
  open_svg(o, c.title);
  const double n = std::max<double>(1, double(c.categories.size()));
  const double slot = (kW - kL - kR) / n, bw = std::min(40.0, slot / 2.5);
  const double plot_h = kH - kT - kB;
  o << "<g font-size=\"10\">";
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const double cx = kL + slot * (double(i) + 0.5);
    const double vals[2] = {i < c.base.size() ? c.base[i] : NAN, i < c.cand.size() ? c.cand[i] : NAN};
    for (int side = 0; side < 2; ++side) {
      if (!std::isfinite(vals[side])) continue;
      const double h = vals[side] / vmax * plot_h, x = cx - bw + side * bw;
      o << "<rect x=\"" << num(x) << "\" y=\"" << num(kH - kB - h) << "\" width=\"" << num(bw - 2) << "\" height=\""
        << num(h) << "\" fill=\"" << (side ? "#d62728" : "#1f77b4") << "\"><title>"
        << (side ? "candidate " : "baseline ") << html_escape(label_value(vals[side], c.unit)) << "</title></rect>"
        << "<text x=\"" << num(x + bw / 2 - 1) << "\" y=\"" << num(kH - kB - h - 3) << "\" text-anchor=\"middle\">"
        << html_escape(label_value(vals[side], c.unit)) << "</text>";
    }
    o << "<text x=\"" << num(cx) << "\" y=\"" << kH - kB + 12 << "\" text-anchor=\"middle\">"
      << html_escape(c.categories[i].substr(0, static_cast<std::size_t>(std::max(6.0, slot / 6)))) << "</text>";
  }
  o << "<rect x=\"" << kW - kR + 8 << "\" y=\"" << kT << "\" width=\"12\" height=\"10\" fill=\"#1f77b4\"/><text x=\""
    << kW - kR + 24 << "\" y=\"" << kT + 9 << "\">baseline</text><rect x=\"" << kW - kR + 8 << "\" y=\"" << kT + 16
    << "\" width=\"12\" height=\"10\" fill=\"#d62728\"/><text x=\"" << kW - kR + 24 << "\" y=\"" << kT + 25
    << "\">candidate</text></g></svg>";
  return o.str();
}

}  // namespace contend
