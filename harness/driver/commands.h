// The subcommands of the contend CLI. Each returns the process exit code (util/exit_codes.h).
#pragma once

#include <string>

#include "flags/options.h"
#include "util/error.h"

namespace contend {

int cmd_list(const Options& o);
int cmd_run(const Options& o);
int cmd_check_history(const Options& o, const std::vector<std::string>& files);

// Prints "error: <message>" and the hint to stderr; returns the error's exit code.
int report_error(const Error& e);

}  // namespace contend
