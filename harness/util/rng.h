// Rng: the only randomness source in contend. SplitMix64 for seeding, xoshiro256** for streams.
// Every stream derives from (run seed, stream id) so a thread's sequence does not depend on how
// many other threads exist or in which order they start. Not thread-safe: one Rng per thread.
#pragma once

#include <cstdint>

namespace contend {

__extension__ typedef unsigned __int128 uint128_t;  // GCC/Clang builtin; __extension__ for -Wpedantic

constexpr uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Mixes a seed with a stream id into an independent seed.
constexpr uint64_t derive_seed(uint64_t seed, uint64_t stream) {
  uint64_t s = seed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
  return splitmix64(s);
}

class Rng {
 public:
  explicit constexpr Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& w : s_) w = splitmix64(s);
  }
  constexpr uint64_t next_u64() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-64 * n, irrelevant here).
  constexpr uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<uint128_t>(next_u64()) * n) >> 64);
  }
  // Uniform in [0, 1).
  constexpr double unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4]{};
};

}  // namespace contend
