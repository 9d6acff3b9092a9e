//! \brief Key distributions: each matches its stated law and is deterministic per seed.
//! Scope: gen/key_dist.h.
#include "gen/key_dist.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace contend {
namespace {

std::vector<double> frequencies(const KeyDistSpec& spec, uint64_t n, int samples, uint64_t seed = 3) {
  KeySampler s(spec, n, 0);
  Rng rng(seed);
  std::vector<double> f(n);
  for (int i = 0; i < samples; ++i) {
    const Key k = s.next(rng);
    EXPECT_LT(k, n);
    f[k] += 1.0 / samples;
  }
  return f;
}

//! requirement: zipf frequencies follow 1/r^s (checked on the top ranks, 3% relative).
TEST(KeyDist, ZipfMatchesLaw) {
  for (double s : {0.5, 0.99, 1.2}) {
    const uint64_t n = 1000;
    KeyDistSpec spec{.kind = KeyDistKind::kZipf, .zipf_s = s};
    auto f = frequencies(spec, n, 2'000'000);
    double norm = 0;
    for (uint64_t r = 1; r <= n; ++r) norm += std::pow(static_cast<double>(r), -s);
    for (uint64_t r = 1; r <= 5; ++r) {
      const double expected = std::pow(static_cast<double>(r), -s) / norm;
      EXPECT_NEAR(f[r - 1], expected, expected * 0.03) << "s=" << s << " rank " << r;
    }
  }
}

//! requirement: hotset sends hot_probability of picks into the first hot_fraction of keys.
TEST(KeyDist, HotSetProbability) {
  KeyDistSpec spec{.kind = KeyDistKind::kHotSet, .hot_fraction = 0.1, .hot_probability = 0.8};
  auto f = frequencies(spec, 100, 500000);
  double hot = 0;
  for (int k = 0; k < 10; ++k) hot += f[k];
  EXPECT_NEAR(hot, 0.8, 0.01);
}

//! requirement: uniform covers keys evenly; sequential walks in order from the offset and wraps.
TEST(KeyDist, UniformAndSequential) {
  auto f = frequencies(KeyDistSpec{}, 10, 200000);
  for (double x : f) EXPECT_NEAR(x, 0.1, 0.01);
  KeySampler seq(KeyDistSpec{.kind = KeyDistKind::kSequential}, 5, 3);
  Rng rng(1);
  std::vector<Key> got;
  for (int i = 0; i < 6; ++i) got.push_back(seq.next(rng));
  EXPECT_EQ(got, (std::vector<Key>{3, 4, 0, 1, 2, 3}));
}

//! requirement: same seed, same keys.
TEST(KeyDist, DeterministicPerSeed) {
  KeyDistSpec spec{.kind = KeyDistKind::kZipf};
  EXPECT_EQ(frequencies(spec, 100, 1000, 9), frequencies(spec, 100, 1000, 9));
}

TEST(KeyDist, ParseNames) {
  EXPECT_EQ(*parse_key_dist("zipf"), KeyDistKind::kZipf);
  auto bad = parse_key_dist("zipfian");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ExitCode::kUsage);
}

}  // namespace
}  // namespace contend
