// write_file_atomically: results are never half-written. The data goes to a temp file in the
// destination directory, is fsync'ed, then renamed over the destination (rename is atomic within
// one filesystem). Missing parent directories are created.
#pragma once

#include <string>
#include <string_view>

#include "util/error.h"

namespace contend {

Status write_file_atomically(const std::string& path, std::string_view data);

// Creates `dir` (and its parents) if needed and proves it takes a new file (creates and removes
// one), so a run can refuse an unusable output directory before it spends time on results.
Status check_writable_dir(const std::string& dir);

// Reads a whole file; errors name the path and the OS reason.
Result<std::string> read_file(const std::string& path);

}  // namespace contend
