// decode_pool_program: fuzzer bytes -> (PoolProgram, schedule bytes), the pool counterpart of
// gen/program_decode.h. Every byte string, including the empty one, decodes to a valid scenario
// (nothing is rejected), decoding is a pure function of the bytes, and short inputs give small
// scenarios, so mutations and truncations move through scenarios smoothly.
//
// Input layout (byte i of the input is in[i]; missing bytes read as 0):
//   in[0]  header   bits 0-1: threads - 1 (1..4, capped by PoolDecodeLimits::max_threads)
//                   bits 2-5: ops per thread - 1 (1..16), capped so that threads x ops op bytes
//                             fit in the input after the header: a 3-byte input is 1x2 or 2x1
//                   bits 6-7: reserved (ignored)
//   in[1 .. 1+T*N) one byte per operation, thread-major (T0's N ops, then T1's, ...):
//                   bits 0-2: kind  0 acquire, 1 release, 2 write, 3 verify, 4 cycle,
//                                   5 acquire, 6 release, 7 cycle (8 codes onto 5 kinds:
//                                   acquires and releases are what races in a pool)
//                   bits 3-4: slot  0..3, the thread's holding slot the op works on
//                   bits 5-7: value 0..7, the pattern a write/cycle stores
//   the rest        schedule bytes for sched::BytesStrategy (2 per preemption decision;
//                   exhausted = no more preemptions: each thread runs to completion in turn).
// Run-time meaning of the kinds (gen/pool_program.h, controlled/controlled_pool_run.h): each
// thread has kPoolSlots slots; acquire fills a slot (releasing its previous object first),
// release/write/verify act on a slot's object and are no-ops on an empty slot, cycle is a
// short-lived acquire-write-verify-release. A thread releases whatever it still holds at its end.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "gen/pool_program.h"

namespace contend {

struct PoolDecodeLimits {
  uint32_t max_threads = kPoolProgramMaxThreads;  // 1..4 (1 for a pool that is not concurrent)
};

struct DecodedPoolInput {
  PoolProgram program;
  std::vector<uint8_t> schedule;  // the bytes left for BytesStrategy
  std::size_t header_bytes = 0;   // 1 + threads x ops (clamped to the input size)
};

DecodedPoolInput decode_pool_program(std::span<const uint8_t> in, const PoolDecodeLimits& limits = {});

// The inverse, for seeds and tests: header + op bytes + schedule. Exact for every program
// pool_program_from_ops accepts (the op byte of a kind uses its first code).
std::vector<uint8_t> encode_pool_program(const PoolProgram& p, std::span<const uint8_t> schedule);

}  // namespace contend
