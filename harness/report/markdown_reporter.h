// Markdown report of a Comparison, sized for a pull-request comment or $GITHUB_STEP_SUMMARY
// (GitHub-flavoured: headline first, per-cell tables in <details>; well under the 1 MiB limit
// for a PR matrix). Names what regressed, by how much, and the noise (p-value, repetitions).
#pragma once

#include <string>

#include "compare/comparer.h"

namespace contend {

// `title` heads the report (e.g. "contend PR gate: A/B"); `preface` is Markdown put under it.
std::string render_markdown(const Comparison& c, const std::string& title, const std::string& preface = {});

}  // namespace contend
