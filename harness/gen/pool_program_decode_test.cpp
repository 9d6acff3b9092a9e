// Scope: decode_pool_program's contract: every byte string (random, empty, truncated, huge)
// decodes to a valid, in-layout pool scenario; decoding is deterministic; short inputs give
// small scenarios; encode_pool_program inverts it.
#include "gen/pool_program_decode.h"

#include <random>

#include <gtest/gtest.h>

namespace contend {
namespace {

// The checks every decoded program must pass, whatever the input.
void expect_valid(const DecodedPoolInput& d, std::size_t input_size, uint32_t max_threads = kPoolProgramMaxThreads) {
  const PoolProgram& p = d.program;
  ASSERT_GE(p.threads, 1u);
  ASSERT_LE(p.threads, max_threads);
  ASSERT_GE(p.ops_per_thread, 1u);
  ASSERT_LE(p.ops_per_thread, kPoolProgramMaxOps);
  ASSERT_EQ(p.ops.size(), p.threads);
  ASSERT_EQ(p.labels.size(), p.threads);
  EXPECT_EQ(d.header_bytes + d.schedule.size(), input_size);
  EXPECT_LE(d.header_bytes, 1 + std::size_t{p.threads} * p.ops_per_thread);
  for (uint32_t t = 0; t < p.threads; ++t) {
    ASSERT_EQ(p.ops[t].size(), p.ops_per_thread);
    ASSERT_EQ(p.labels[t].size(), p.ops_per_thread);
    for (const PoolOp& op : p.ops[t]) {
      EXPECT_LT(op.slot, kPoolSlots);
      EXPECT_LT(op.value, 8);
      EXPECT_LE(static_cast<int>(op.kind), static_cast<int>(PoolOpKind::kCycle));
    }
  }
}

std::vector<uint8_t> random_bytes(std::mt19937_64& rng, std::size_t max_len) {
  std::vector<uint8_t> in(rng() % (max_len + 1));
  for (auto& b : in) b = static_cast<uint8_t>(rng());
  return in;
}

// requirement: no input is rejected, including the empty one (1 thread x 1 acquire).
TEST(PoolProgramDecode, EmptyInputIsSmallestScenario) {
  const auto d = decode_pool_program({});
  expect_valid(d, 0);
  EXPECT_EQ(d.program.threads, 1u);
  EXPECT_EQ(d.program.ops_per_thread, 1u);
  EXPECT_EQ(d.program.labels[0][0], "acquire s0");
  EXPECT_TRUE(d.schedule.empty());
}

// requirement: random inputs of every length up to 300 bytes decode validly and deterministically.
TEST(PoolProgramDecode, RandomInputsDecodeDeterministically) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 5000; ++i) {
    const auto in = random_bytes(rng, 300);
    const auto a = decode_pool_program(in), b = decode_pool_program(in);
    expect_valid(a, in.size());
    EXPECT_EQ(a.program.labels, b.program.labels);
    EXPECT_EQ(a.schedule, b.schedule);
  }
}

// requirement: every prefix of an input (a minimizer's or fuzzer's truncation) is valid too,
// and a prefix never decodes to a larger scenario than the whole input.
TEST(PoolProgramDecode, EveryTruncationDecodes) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 300; ++i) {
    const auto in = random_bytes(rng, 80);
    const auto whole = decode_pool_program(in);
    for (std::size_t n = 0; n <= in.size(); ++n) {
      const std::span<const uint8_t> prefix(in.data(), n);
      const auto d = decode_pool_program(prefix);
      expect_valid(d, n);
      EXPECT_LE(std::size_t{d.program.threads} * d.program.ops_per_thread,
                std::max<std::size_t>(1, std::size_t{whole.program.threads} * whole.program.ops_per_thread));
    }
  }
}

// error_guessing: a huge input is still at most 4 x 16 ops; the rest is schedule.
TEST(PoolProgramDecode, HugeInputIsBoundedScenario) {
  std::vector<uint8_t> in(1 << 20, 0xff);
  const auto d = decode_pool_program(in);
  expect_valid(d, in.size());
  EXPECT_EQ(d.program.threads, 4u);
  EXPECT_EQ(d.program.ops_per_thread, 16u);
  EXPECT_EQ(d.schedule.size(), in.size() - 1 - 64);
}

// requirement: short inputs mean small scenarios (the header's request is capped by the bytes).
TEST(PoolProgramDecode, ShortInputsClampTheHeader) {
  const std::vector<uint8_t> in = {0xff, 0x00, 0x00};  // asks for 4 x 16, has 2 op bytes
  const auto d = decode_pool_program(in);
  expect_valid(d, in.size());
  EXPECT_EQ(std::size_t{d.program.threads} * d.program.ops_per_thread, 2u);
  EXPECT_TRUE(d.schedule.empty());
}

// requirement: the limits cap the threads (a non-concurrent pool gets 1-thread scenarios).
TEST(PoolProgramDecode, LimitsCapThreads) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 500; ++i) {
    const auto in = random_bytes(rng, 100);
    expect_valid(decode_pool_program(in, {.max_threads = 1}), in.size(), 1);
  }
}

// requirement: the op byte fields decode as documented.
TEST(PoolProgramDecode, OpByteFields) {
  // header: 1 thread x 5 ops
  const std::vector<uint8_t> in = {0x10, 0x00, 0x09, 0xf2, 0x1b, 0x6c, 0xaa, 0xbb};
  const auto d = decode_pool_program(in);
  expect_valid(d, in.size());
  EXPECT_EQ(d.program.labels[0],
            (std::vector<std::string>{"acquire s0", "release s1", "write s2=7", "verify s3", "cycle=3"}));
  EXPECT_EQ(d.schedule, (std::vector<uint8_t>{0xaa, 0xbb}));
}

// requirement: encode_pool_program is the inverse of decoding for programs and schedules.
TEST(PoolProgramDecode, EncodeRoundTrips) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 2000; ++i) {
    const auto in = random_bytes(rng, 120);
    const auto d = decode_pool_program(in);
    const auto again = decode_pool_program(encode_pool_program(d.program, d.schedule));
    EXPECT_EQ(again.program.labels, d.program.labels);
    EXPECT_EQ(again.schedule, d.schedule);
  }
}

}  // namespace
}  // namespace contend
