#include "util/exit_codes.h"

namespace contend {

std::string_view exit_code_name(ExitCode c) {
  switch (c) {
    case ExitCode::kOk: return "ok";
    case ExitCode::kInternal: return "internal-error";
    case ExitCode::kUsage: return "usage-error";
    case ExitCode::kBadInput: return "bad-input";
    case ExitCode::kIoError: return "io-error";
    case ExitCode::kTimeout: return "timeout";
    case ExitCode::kOom: return "oom";
    case ExitCode::kInterrupted: return "interrupted";
    case ExitCode::kCrash: return "crash";
    case ExitCode::kDeadlock: return "deadlock";
    case ExitCode::kLivelock: return "livelock";
    case ExitCode::kNondeterministic: return "nondeterministic";
    case ExitCode::kViolation: return "violation";
    case ExitCode::kRegression: return "regression";
    case ExitCode::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace contend
