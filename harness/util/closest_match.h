// closest_match: "did you mean" suggestions for unknown names (targets, workloads, presets).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace contend {

// Levenshtein distance.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `name`, if it is close enough to be a plausible typo (distance at
// most a third of the longer string, or `name` is a prefix/substring of it).
std::optional<std::string> closest_match(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace contend
