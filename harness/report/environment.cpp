#include "report/environment.h"

#include <fstream>
#include <thread>

#include "report/build_info.h"

namespace contend {

std::string contend_version() { return CONTEND_BUILD_VERSION; }
std::string git_sha() { return CONTEND_BUILD_GIT_SHA; }

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

unsigned cpu_cores() { return std::thread::hardware_concurrency(); }

}  // namespace contend
