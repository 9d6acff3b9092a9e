// Facts about the build and the machine recorded in every result.
#pragma once

#include <string>

namespace contend {

std::string contend_version();  // project version, e.g. "0.1.0"
std::string git_sha();          // commit the binary was configured from ("unknown" outside git)
std::string cpu_model();        // /proc/cpuinfo "model name"
unsigned cpu_cores();           // online CPUs

}  // namespace contend
