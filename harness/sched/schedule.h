// Schedule: the recorded decisions of one controlled execution, and its compact, versioned
// encoding. Replaying a Schedule with ReplayStrategy on the same binary, with the same bodies and
// the same counting mode, reproduces the execution step for step.
//
// Binary layout (version 1), all integers LEB128 varints:
//   magic 'C','S' | version | flags (bit0: sync_points_only) | nthreads | seed | count |
//   count x ((budget << 6) | thread)
// Text token: "cs1-" + base64url(binary) without padding, e.g. "cs1-Q1MBAAIF...".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace contend::sched {

inline constexpr uint32_t kScheduleVersion = 1;
inline constexpr uint32_t kMaxThreads = 64;  // thread ids fit the 6 low bits of a decision

struct Decision {
  uint32_t thread = 0;  // chosen vthread id
  uint64_t budget = 0;  // points until the next preemption; 0 = none
  // Step (schedule points executed) at which the decision was taken. Recorded by the runtime,
  // not encoded (a replay recomputes it) and not compared.
  uint64_t at_step = 0;
  bool operator==(const Decision& o) const { return thread == o.thread && budget == o.budget; }
};

struct Schedule {
  uint32_t nthreads = 0;
  bool sync_points_only = false;  // counting mode the decisions were recorded in
  uint64_t seed = 0;              // informational: the seed of the recording strategy, if any
  std::vector<Decision> decisions;
  bool operator==(const Schedule&) const = default;
};

std::vector<uint8_t> encode_binary(const Schedule& s);
Result<Schedule> decode_binary(std::span<const uint8_t> bytes);

// "cs1-..." text form for command lines and logs.
std::string encode_token(const Schedule& s);
Result<Schedule> decode_token(std::string_view token);

}  // namespace contend::sched
