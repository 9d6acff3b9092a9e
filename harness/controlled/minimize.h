// minimize_input: joint shrinking of a failing raw fuzzer input (syzkaller-style, one knob at a
// time, each step kept only if the input still fails the same way, i.e. with the same
// CrashSignature::kind(): outcome + violation kind). Knobs, repeated until nothing shrinks:
//   threads      drop a whole thread (private keys of later threads are renumbered; the
//                schedule decisions that picked it are dropped and later picks renumbered)
//   operations   drop the i-th operation of every thread (the layout has equal-length threads),
//                then turn single operations into size() (a read-only op with few points)
//   preemptions  shortest failing prefix of the schedule (fewer decisions = fewer preemptions),
//                then drop single decisions, then zero each byte (thread 0 / budget 1)
// Executions are deterministic, so every candidate runs once. The result is a valid input in
// the same layout, so it replays with `contend replay` and the fuzzer binaries.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "controlled/fuzz_input.h"
#include "util/exit_codes.h"

namespace contend {

struct MinimizeResult {
  bool failed = false;           // the original input failed at all (else nothing to minimize)
  std::string kind;              // CrashSignature::kind() preserved throughout
  std::vector<uint8_t> input;    // the minimized input (== original if !failed)
  DecodedInput decoded;          // its scenario
  uint64_t executions = 0;       // candidates tried
  std::size_t preemptions = 0;   // schedule decisions left (2 bytes each)
};

MinimizeResult minimize_input(const MapTargetInfo& target, std::span<const uint8_t> input,
                              const ControlledRunOptions& opts = {});

// `contend minimize FILE`: minimizes a raw fuzzer input on `target` (see replay_file), prints
// the minimal scenario and its replay command, writes the input to `out_path` (default FILE.min).
// Exit: 0 written, kBadInput if FILE does not fail.
ExitCode minimize_file(const std::string& path, const std::string& target, std::string out_path, std::ostream& out,
                       std::ostream& err);

// Non-size operations of a program: the "handful of operations" a minimized scenario has.
std::size_t effective_ops(const Program& p);

}  // namespace contend
