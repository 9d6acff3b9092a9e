// run_stamp: the name of a run's default output folder, "YYYYmmdd-HHMMSS-<pid>" (local time).
// The process id keeps runs started in the same second apart (three parallel explores used to
// share one folder and overwrite each other's results).
#pragma once

#include <string>

namespace contend {

std::string run_stamp();

}  // namespace contend
