// JUnit XML of a Comparison: one <testcase> per cell (a matrix cell), classname "contend.<suite>",
// name = cell key. A new failure (violation, crash, deadlock, ...) or a metric regression is a
// <failure> whose message says what and by how much; a cell with no baseline and no failure
// passes. time = the candidate runs' summed duration. Readable by GitLab, Jenkins and the
// common GitHub JUnit actions (de facto Ant schema).
#pragma once

#include <string>

#include "compare/comparer.h"

namespace contend {

std::string render_junit(const Comparison& c, const std::string& suite);

}  // namespace contend
