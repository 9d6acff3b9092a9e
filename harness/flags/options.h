// Options: the aggregate generated from flags/flags.def (one field per flag, in-class default),
// and the functions that attach the flags of one subcommand to a CLI11 app.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace contend {

enum CommandMask : unsigned {
  kCmdRun = 1u << 0,
  kCmdList = 1u << 1,
  kCmdCheckHistory = 1u << 2,
  kCmdExplore = 1u << 3,
  kCmdReplay = 1u << 4,
  kCmdMinimize = 1u << 5,
  kCmdCompare = 1u << 8,  // compare / matrix: high bits, so the lower ones stay free for run-side commands
  kCmdMatrix = 1u << 9,
};

struct Options {
#define CONTEND_FLAG(COMMANDS, TYPE, NAME, CLI, DEFAULT, HELP) TYPE NAME = DEFAULT;
#include "flags/flags.def"
#undef CONTEND_FLAG
};

// Adds to `app` every flag whose mask includes `command`, bound to the fields of `o`, each with
// its CONTEND_<NAME> environment fallback and its default shown in --help.
void add_flags(CLI::App& app, unsigned command, Options& o);

}  // namespace contend
