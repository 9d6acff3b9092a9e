// `contend explore` and `contend replay` run in contend-ctl, the controlled-scheduling build
// (targets compiled a second time with thread instrumentation; harness/controlled). contend
// itself stays uninstrumented for stress runs, so it hands these subcommands over by exec.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "driver/commands.h"

namespace contend {

bool is_controlled_command(int argc, char** argv) {
  if (argc < 2) return false;
  const std::string cmd = argv[1];
  return cmd == "explore" || cmd == "replay" || cmd == "minimize";
}

int forward_to_controlled(int argc, char** argv) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto ctl = (ec ? std::filesystem::path(argv[0]).parent_path() : self.parent_path()) / "contend-ctl";
  std::vector<char*> args(argv, argv + argc);
  args[0] = const_cast<char*>("contend");
  args.push_back(nullptr);
  ::execv(ctl.c_str(), args.data());
  return report_error(usage_error(
      std::string("`contend ") + argv[1] + "` needs contend-ctl, the controlled-scheduling build, next to contend (" +
          ctl.string() + "): " + std::strerror(errno),
      "build it with the clang presets: cmake --preset release && cmake --build --preset release"));
}

}  // namespace contend
