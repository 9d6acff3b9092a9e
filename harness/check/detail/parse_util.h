// Small helpers shared by the history parsers: line splitting, integer parsing and the
// "FILE:LINE: expected ..." error shape every parser returns.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace contend::check::detail {

inline Error parse_error(std::string_view file, size_t line, std::string_view expected,
                         std::string_view got) {
  std::string g(got.substr(0, 60));
  if (got.size() > 60) g += "...";
  return input_error(std::string(file) + ":" + std::to_string(line) + ": expected " +
                     std::string(expected) + ", got '" + g + "'");
}

// Lines without their terminators ("\n" or "\r\n"); a final newline does not add an empty line.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = end + 1;
  }
  return lines;
}

template <class Int>
bool parse_int(std::string_view s, Int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

inline bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace contend::check::detail
