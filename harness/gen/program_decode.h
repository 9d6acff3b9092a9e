// decode_program: fuzzer bytes -> (Program, schedule bytes). Every byte string, including the
// empty one, decodes to a valid scenario (nothing is rejected as malformed), the decoding is a
// pure function of the bytes, and short inputs give small scenarios, so a fuzzer's mutations
// (and a minimizer's truncations) move through scenarios smoothly.
//
// Input layout (byte i of the input is in[i]; missing bytes read as 0):
//   in[0]  header   bits 0-1: threads - 1 (1..4, capped by DecodeLimits::max_threads)
//                   bits 2-5: ops per thread - 1 (1..16), capped so that threads x ops op bytes
//                             fit in the input after the header: a 3-byte input is 1x2 or 2x1
//                   bits 6-7: reserved (ignored)
//   in[1 .. 1+T*N) one byte per operation, thread-major (T0's N ops, then T1's, ...):
//                   bits 0-2: kind  0 insert, 1 erase, 2 find, 3 add, 4 iterate, 5 size,
//                                   6 insert, 7 find (8 values onto 6 kinds: writes and finds
//                                   are the interesting ones)
//                   bits 3-7: key selector s (0..31)
//                     insert/erase/find: s < 24 -> shared key s % kDecodedKeySpace;
//                                        else    -> the thread's private key (s - 24) % 2
//                     add: counter key s % 2 (add only ever touches counter keys, as in map-mix)
//                     iterate/size: no key
//   the rest        schedule bytes for sched::BytesStrategy (2 per preemption decision;
//                   exhausted = no more preemptions, so a scenario with no schedule bytes runs
//                   each thread to completion in turn).
// Values: insert(k, v) uses v = 100 * (thread + 1) + op index (unique per op, so the checker can
// tell writes apart); add uses delta 1 + (s / 2) % 4.
// Operations a target's contract forbids under concurrency (DecodeLimits) decode to a harmless
// substitute (erase -> find, iterate -> size), so every input stays inside the contract.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "gen/program.h"

namespace contend {

inline constexpr uint32_t kDecodedMaxThreads = 4;
inline constexpr uint32_t kDecodedMaxOps = 16;
inline constexpr uint64_t kDecodedKeySpace = 6;

struct DecodeLimits {
  uint32_t max_threads = kDecodedMaxThreads;  // 1..4
  bool erase = true;                          // false: erase decodes as find
  bool iterate = true;                        // false: iterate decodes as size
};

struct DecodedInput {
  Program program;
  std::vector<uint8_t> schedule;  // the bytes left for BytesStrategy
  std::size_t header_bytes = 0;   // 1 + threads x ops (clamped to the input size)
};

DecodedInput decode_program(std::span<const uint8_t> in, const DecodeLimits& limits = {});

// The inverse for building seeds and minimized inputs: header + op bytes + schedule. Each
// op must be representable (keys and kinds from the layout above); checked.
std::vector<uint8_t> encode_program(const Program& p, std::span<const uint8_t> schedule);

// Program built from explicit ops (labels and spec filled in as decode_program would).
Program program_from_ops(std::vector<std::vector<Op>> ops);

}  // namespace contend
