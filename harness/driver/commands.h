// The subcommands of the contend CLI. Each returns the process exit code (util/exit_codes.h).
#pragma once

#include <string>

#include "compare/comparer.h"
#include "flags/options.h"
#include "util/error.h"

namespace contend {

int cmd_list(const Options& o);
int cmd_run(const Options& o);
int cmd_check_history(const Options& o, const std::vector<std::string>& files);
int cmd_compare(const Options& o, const std::string& baseline, const std::string& candidate);
int cmd_matrix(const Options& o, const std::string& config_path);

// Writes the --markdown/--junit/--html reports of a comparison; 0 or the I/O error's exit code.
int write_comparison_reports(const Options& o, const Comparison& c, const SampleSet& base, const SampleSet& cand,
                             const std::string& title);

// explore and replay are served by contend-ctl (controlled_forward.cpp): exec it with argv.
bool is_controlled_command(int argc, char** argv);
int forward_to_controlled(int argc, char** argv);

// Two open-loop results side by side (workloads/compare_shapes.h).
int cmd_compare_shapes(const std::vector<std::string>& files);

// Prints "error: <message>" and the hint to stderr; returns the error's exit code.
int report_error(const Error& e);

}  // namespace contend
