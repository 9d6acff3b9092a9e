#include "util/run_stamp.h"

#include <unistd.h>

#include <ctime>

namespace contend {

std::string run_stamp() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&t));
  return std::string(buf) + "-" + std::to_string(::getpid());
}

}  // namespace contend
