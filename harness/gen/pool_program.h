// PoolProgram: a small, explicit object-pool scenario (the pool counterpart of gen/program.h):
// per thread, a fixed list of operations on the thread's own holding slots. Built by the fuzz
// decoder (gen/pool_program_decode.h) and run under the controlled scheduler by
// controlled/controlled_pool_run.h, which defines what each operation does at run time.
// Plain value types; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace contend {

inline constexpr uint32_t kPoolProgramMaxThreads = 4;
inline constexpr uint32_t kPoolProgramMaxOps = 16;
inline constexpr uint32_t kPoolSlots = 4;  // objects one thread can hold at once

enum class PoolOpKind : uint8_t {
  kAcquire,  // acquire into `slot` (releasing what the slot held first)
  kRelease,  // release the object in `slot` (no-op if empty)
  kWrite,    // write the thread's pattern `value` into the held object (no-op if empty)
  kVerify,   // read the held object and compare with what this holder wrote (no-op if empty)
  kCycle,    // short-lived use: acquire, write `value`, verify, release (slot unused)
};

struct PoolOp {
  PoolOpKind kind = PoolOpKind::kAcquire;
  uint8_t slot = 0;   // 0..kPoolSlots-1
  uint8_t value = 0;  // 0..7 (kWrite, kCycle)
};

struct PoolProgram {
  uint32_t threads = 1;
  uint32_t ops_per_thread = 1;
  std::vector<std::vector<PoolOp>> ops;             // [thread][op]
  std::vector<std::vector<std::string>> labels;     // [thread][op], e.g. "acquire s1"
};

// "acquire s1", "write s0=3", "cycle=5", ...
std::string pool_op_label(const PoolOp& op);
// A program from explicit ops (every thread the same number, >= 1); fills in labels.
PoolProgram pool_program_from_ops(std::vector<std::vector<PoolOp>> ops);
// One line per thread, "T0: acquire s0; write s0=1; ...", for crash reports.
std::string describe(const PoolProgram& p);

}  // namespace contend
