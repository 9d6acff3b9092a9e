// Outcome: the closed set of ways a run (stress or controlled) can end, with its result-JSON
// name and the process exit code it maps to.
#pragma once

#include <optional>
#include <string_view>

#include "util/exit_codes.h"

namespace contend {

enum class Outcome {
  kOk,                // ran to completion, no violation
  kViolation,         // an invariant or linearizability violation was found
  kUnknown,           // the checker ran out of budget
  kCrash,             // the target died (signal or abnormal exit)
  kTimeout,           // did not finish within its time limit
  kOom,               // exceeded --rss-limit-mb
  kDeadlock,          // controlled: every thread blocked
  kLivelock,          // controlled: no progress within the step limit
  kNondeterministic,  // a replay diverged
  kInterrupted,       // stopped by SIGINT/SIGTERM
};

constexpr std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kViolation: return "violation";
    case Outcome::kUnknown: return "unknown";
    case Outcome::kCrash: return "crash";
    case Outcome::kTimeout: return "timeout";
    case Outcome::kOom: return "oom";
    case Outcome::kDeadlock: return "deadlock";
    case Outcome::kLivelock: return "livelock";
    case Outcome::kNondeterministic: return "nondeterministic";
    case Outcome::kInterrupted: return "interrupted";
  }
  return "?";
}

inline std::optional<Outcome> parse_outcome(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(Outcome::kInterrupted); ++i) {
    if (outcome_name(static_cast<Outcome>(i)) == s) return static_cast<Outcome>(i);
  }
  return std::nullopt;
}

constexpr ExitCode exit_code_for(Outcome o) {
  switch (o) {
    case Outcome::kOk: return ExitCode::kOk;
    case Outcome::kViolation: return ExitCode::kViolation;
    case Outcome::kUnknown: return ExitCode::kUnknown;
    case Outcome::kCrash: return ExitCode::kCrash;
    case Outcome::kTimeout: return ExitCode::kTimeout;
    case Outcome::kOom: return ExitCode::kOom;
    case Outcome::kDeadlock: return ExitCode::kDeadlock;
    case Outcome::kLivelock: return ExitCode::kLivelock;
    case Outcome::kNondeterministic: return ExitCode::kNondeterministic;
    case Outcome::kInterrupted: return ExitCode::kInterrupted;
  }
  return ExitCode::kInternal;
}

// Severity order used when several runs are summarised into one exit code: the worst wins.
constexpr int outcome_severity(Outcome o) {
  switch (o) {
    case Outcome::kOk: return 0;
    case Outcome::kUnknown: return 1;
    case Outcome::kViolation: return 2;
    case Outcome::kNondeterministic: return 3;
    case Outcome::kLivelock: return 4;
    case Outcome::kDeadlock: return 5;
    case Outcome::kTimeout: return 6;
    case Outcome::kOom: return 7;
    case Outcome::kCrash: return 8;
    case Outcome::kInterrupted: return 9;
  }
  return 10;
}

}  // namespace contend
