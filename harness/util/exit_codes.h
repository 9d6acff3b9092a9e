// Process exit codes of every contend command. Each value means one thing; ci/ scripts branch on
// them. The 70-78 range follows libFuzzer's conventions (70 timeout, 71 OOM, 72 interrupt,
// 77 error/finding) and extends them. Documented in README.md ("Exit codes").
#pragma once

#include <string_view>

namespace contend {

enum class ExitCode : int {
  kOk = 0,                 // ran and found nothing wrong
  kInternal = 1,           // a bug in contend (unexpected exception, failed internal check)
  kUsage = 2,              // bad command line: unknown flag, target or workload, bad value
  kBadInput = 3,           // a file given to contend is malformed (corpus, history, result JSON)
  kIoError = 4,            // a file could not be read or written (missing, unwritable --out)
  kTimeout = 70,           // the target did not finish within its time limit
  kOom = 71,               // the target exceeded --rss-limit-mb
  kInterrupted = 72,       // stopped by SIGINT/SIGTERM; partial results were written
  kCrash = 73,             // the target crashed (signal); partial results were written
  kDeadlock = 74,          // controlled run: every thread blocked
  kLivelock = 75,          // controlled run: no progress within the step limit
  kNondeterministic = 76,  // a replay diverged from its recording
  kViolation = 77,         // an invariant or linearizability violation was found
  kRegression = 78,        // compare: the candidate regressed against the baseline
  kUnknown = 79,           // a checker ran out of budget: nothing was proven either way
};

constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

std::string_view exit_code_name(ExitCode c);

}  // namespace contend
