// decode_pool_program / encode_pool_program: the layout documented in pool_program_decode.h.
#include "gen/pool_program_decode.h"

#include <algorithm>

#include "gen/scenario_shape.h"
#include "util/check.h"

namespace contend {

namespace {

constexpr PoolOpKind kKindOfCode[8] = {PoolOpKind::kAcquire, PoolOpKind::kRelease, PoolOpKind::kWrite,
                                       PoolOpKind::kVerify,  PoolOpKind::kCycle,   PoolOpKind::kAcquire,
                                       PoolOpKind::kRelease, PoolOpKind::kCycle};

PoolOp decode_op(uint8_t b) {
  return PoolOp{.kind = kKindOfCode[b & 7],
                .slot = static_cast<uint8_t>((b >> 3) & (kPoolSlots - 1)),
                .value = static_cast<uint8_t>(b >> 5)};
}

uint8_t encode_op(const PoolOp& op) {
  const auto code = static_cast<uint32_t>(std::find(std::begin(kKindOfCode), std::end(kKindOfCode), op.kind) -
                                          std::begin(kKindOfCode));
  CONTEND_CHECK(code < 8 && op.slot < kPoolSlots && op.value < 8) << pool_op_label(op);
  return static_cast<uint8_t>(code | (uint32_t{op.slot} << 3) | (uint32_t{op.value} << 5));
}

}  // namespace

DecodedPoolInput decode_pool_program(std::span<const uint8_t> in, const PoolDecodeLimits& limits) {
  const ScenarioShape shape = decode_scenario_shape(in, std::clamp<uint32_t>(limits.max_threads, 1, kPoolProgramMaxThreads));
  const uint32_t threads = shape.threads;
  const std::size_t ops = shape.ops_per_thread;

  std::vector<std::vector<PoolOp>> prog(threads);
  std::size_t pos = 1;
  for (uint32_t t = 0; t < threads; ++t) {
    for (std::size_t i = 0; i < ops; ++i, ++pos) prog[t].push_back(decode_op(pos < in.size() ? in[pos] : 0));
  }
  DecodedPoolInput d;
  d.program = pool_program_from_ops(std::move(prog));
  d.header_bytes = std::min(pos, in.size());
  d.schedule.assign(in.begin() + static_cast<std::ptrdiff_t>(d.header_bytes), in.end());
  return d;
}

std::vector<uint8_t> encode_pool_program(const PoolProgram& p, std::span<const uint8_t> schedule) {
  CONTEND_CHECK(p.threads >= 1 && p.threads <= kPoolProgramMaxThreads && p.ops_per_thread >= 1 &&
                p.ops_per_thread <= kPoolProgramMaxOps && p.ops.size() == p.threads)
      << p.threads << "x" << p.ops_per_thread << " does not fit the input layout";
  std::vector<uint8_t> out;
  out.push_back(static_cast<uint8_t>((p.threads - 1) | ((p.ops_per_thread - 1) << 2)));
  for (const auto& thread_ops : p.ops) {
    for (const PoolOp& op : thread_ops) out.push_back(encode_op(op));
  }
  out.insert(out.end(), schedule.begin(), schedule.end());
  return out;
}

}  // namespace contend
