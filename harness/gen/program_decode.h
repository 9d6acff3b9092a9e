// decode_program: fuzzer bytes -> (Program, schedule bytes). Every byte string, including the
// empty one, decodes to a valid scenario (nothing is rejected as malformed), the decoding is a
// pure function of the bytes, and short inputs give small scenarios, so a fuzzer's mutations
// (and a minimizer's truncations) move through scenarios smoothly.
//
// Input layout (byte i of the input is in[i]; missing bytes read as 0):
//   in[0]  header   bits 0-1: threads - 1 (1..4, capped by DecodeLimits::max_threads)
//                   bits 2-5: ops per thread - 1 (1..16), capped so that threads x ops op bytes
//                             fit in the input after the header: a 3-byte input is 1x2 or 2x1
//                   bit 6:    the input has an init part (and a post part): see "init spec"
//                   bit 7:    reserved (ignored)
//   in[1 .. 1+T*N) one byte per operation, thread-major (T0's N ops, then T1's, ...):
//                   bits 0-2: kind  0 insert, 1 erase, 2 find, 3 add, 4 iterate, 5 size,
//                                   6 insert, 7 find (8 values onto 6 kinds: writes and finds
//                                   are the interesting ones)
//                   bits 3-7: key selector s (0..31)
//                     insert/erase/find: s < 24 -> shared key s % kDecodedKeySpace (with an
//                                                   init part of n keys: 0-2 stay keys 0-2,
//                                                   present, and 3-5 become n..n+2, new);
//                                        else    -> the thread's private key (s - 24) % 2
//                     add: counter key s % 2 (add only ever touches counter keys, as in map-mix)
//                     iterate/size: no key
//   init spec       only with header bit 6 (and room in the input): one byte b, plus one when
//                   b bit 6 is set:
//                     bits 0-3: size index into {1,2,3,5,7,8,12,13,16,24,25,31,32,48,49,64}
//                     bits 4-5: scale x1, x4, x16, x64 (up to 4096 keys): init inserts keys
//                               0..n-1 (values 10000 + k), sizes at and around growth thresholds
//                     bit 6:    then find(k=0) repeated 1 + next byte times (a key accessed
//                               many times)
//                     bit 7:    then erase every third key (2, 5, 8, ...)
//                   and the post part: find of every shared key the threads touch, iterate()
//                   (DecodeLimits::post_iterate) and size(). Inputs without bit 6 decode as
//                   before the init part existed (bit 6 was ignored: old corpus entries that had
//                   it set now carry an init part; they stay valid inputs).
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
  bool post_iterate = true;                   // false: the post part has no iterate()
};

inline constexpr uint8_t kInitFlag = 0x40;  // header bit 6

// The init part an init spec (0-2 bytes, see above) describes.
struct InitSpec {
  uint64_t keys = 0;      // inserts of keys 0..keys-1
  uint32_t repeats = 0;   // finds of key 0 after them
  bool erase_thirds = false;
};
InitSpec decode_init_spec(std::span<const uint8_t> bytes);
// Bytes the init spec at the start of `rest` takes (1, or 2 with bit 6); 0 if rest is empty.
std::size_t init_spec_size(std::span<const uint8_t> rest);
// Rebuilds p.init, p.post and p.spec.key_space from `init_spec` and p's parallel part.
void apply_init_spec(Program& p, std::span<const uint8_t> init_spec, bool post_iterate);

struct DecodedInput {
  Program program;
  std::vector<uint8_t> schedule;   // the bytes left for BytesStrategy
  std::vector<uint8_t> init_spec;  // the init spec bytes (empty: no init part)
  std::size_t header_bytes = 0;    // 1 + threads x ops + init spec (clamped to the input size)
};

DecodedInput decode_program(std::span<const uint8_t> in, const DecodeLimits& limits = {});

// The inverse for building seeds and minimized inputs: header + op bytes + schedule. Each
// op must be representable (keys and kinds from the layout above); checked.
std::vector<uint8_t> encode_program(const Program& p, std::span<const uint8_t> schedule,
                                    std::span<const uint8_t> init_spec = {});

// Program built from explicit ops (labels and spec filled in as decode_program would).
Program program_from_ops(std::vector<std::vector<Op>> ops);

}  // namespace contend
