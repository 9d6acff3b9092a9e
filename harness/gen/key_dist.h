// KeyDist: how a thread picks keys from the shared key space [0, n). All distributions are
// pure functions of the caller's Rng, so a (seed, thread) pair always yields the same keys.
//   uniform     every key equally likely
//   zipf        P(rank r) ~ 1/r^s, rank 1 = key 0 (hottest); rejection-inversion sampling,
//               O(1) per sample, no table (Hormann & Derflinger 1996)
//   hotset      `hot_probability` of picks go to the first `hot_fraction` of the keys
//   sequential  each thread walks the key space in order from its own offset
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen/op.h"
#include "util/error.h"
#include "util/rng.h"

namespace contend {

enum class KeyDistKind { kUniform, kZipf, kHotSet, kSequential };

struct KeyDistSpec {
  KeyDistKind kind = KeyDistKind::kUniform;
  double zipf_s = 0.99;          // zipf exponent, > 0
  double hot_fraction = 0.01;    // hotset: fraction of keys that are hot, (0, 1]
  double hot_probability = 0.9;  // hotset: fraction of picks that go to hot keys, [0, 1]
};

std::string_view key_dist_name(KeyDistKind k);
Result<KeyDistKind> parse_key_dist(std::string_view name);

class KeySampler {
 public:
  KeySampler(const KeyDistSpec& spec, uint64_t n, uint64_t thread_offset);
  Key next(Rng& rng);

 private:
  double h(double x) const;
  double h_integral(double x) const;
  double h_integral_inverse(double x) const;
  Key zipf(Rng& rng) const;

  KeyDistSpec spec_;
  uint64_t n_;
  uint64_t cursor_;  // sequential
  uint64_t hot_n_;   // hotset
  double h_integral_x1_ = 0, h_integral_n_ = 0, s_bound_ = 0;  // zipf constants
};

}  // namespace contend
