//! Scope: the HTML report's content, and a real render in headless Debian chromium: the page
//! loads, logs nothing to the console, and shows the expected number of charts. Chromium is a
//! declared dependency (ci/setup.sh); without it the browser case fails, it does not skip.
#include "report/html_reporter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/comparison_fixture.h"

namespace contend {
namespace {

namespace fs = std::filesystem;

int occurrences(const std::string& s, const std::string& what) {
  int n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct Render {
  std::string dom, log;
  int status = -1;
};

// Renders `html` in headless chromium (--dump-dom: the DOM after scripts ran) with its log on
// stderr, where console messages and uncaught errors appear as ":CONSOLE" lines.
Render render_in_chromium(const std::string& html, const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("contend-html-test-" + std::to_string(::getpid()));
  fs::create_directories(dir / "profile");
  const fs::path page = dir / (name + ".html");
  std::ofstream(page) << html;
  const std::string cmd = "chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
                          "--disable-component-update --no-first-run --user-data-dir=" + (dir / "profile").string() +
                          " --enable-logging=stderr --dump-dom file://" + page.string() + " > " +
                          (dir / (name + ".dom")).string() + " 2> " + (dir / (name + ".log")).string();
  Render r;
  r.status = std::system(cmd.c_str());
  r.dom = slurp(dir / (name + ".dom"));
  r.log = slurp(dir / (name + ".log"));
  return r;
}

int console_lines(const std::string& log) { return occurrences(log, ":CONSOLE"); }

// requirement: self-contained (no external reference), and the charts the header promises.
TEST(HtmlReporter, SelfContainedWithCharts) {
  const auto f = testing::compare_fixture("regression");
  const std::string html = render_html(f.cmp, f.base, f.cand, "A/B");
  // 1 throughput bar chart + 4 latency curves (insert erase find add) + 1 RSS chart.
  EXPECT_EQ(html_chart_count(f.base, f.cand), 6);
  EXPECT_EQ(occurrences(html, "<svg class=\"chart\""), 6);
  EXPECT_EQ(html.find("http://", html.find("<body")), html.find("http://www.w3.org/2000/svg"));  // only the SVG xmlns
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_NE(html.find("class=\"REGRESSION\""), std::string::npos);
}

// requirement: the report renders in a real browser with no console output and all charts.
// The negative control proves the console check can fail: a page with an error must be caught.
TEST(HtmlReporter, RendersInHeadlessChromium) {
  ASSERT_EQ(std::system("command -v chromium > /dev/null 2>&1"), 0)
      << "chromium is not installed: run ci/setup.sh (or apt-get install -y chromium); this test needs a real browser";
  const auto f = testing::compare_fixture("regression");
  const Render good = render_in_chromium(render_html(f.cmp, f.base, f.cand, "A/B"), "report");
  ASSERT_EQ(good.status, 0) << good.log;
  EXPECT_NE(good.dom.find("data-charts=\"6\""), std::string::npos) << good.dom.substr(0, 400);
  EXPECT_EQ(console_lines(good.log), 0) << good.log;

  const Render bad = render_in_chromium(
      "<!DOCTYPE html><html><body><svg class=\"chart\"></svg><script>no_such_function();</script></body></html>", "ctl");
  EXPECT_GE(console_lines(bad.log), 1) << "the console-error detector missed an uncaught error:\n" << bad.log;
}

}  // namespace
}  // namespace contend
