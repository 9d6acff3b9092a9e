// Scope: decode_program's contract: every byte string decodes to a valid, in-layout scenario;
// decoding is deterministic; short inputs give small scenarios; encode_program inverts it.
#include "gen/program_decode.h"

#include <random>

#include <gtest/gtest.h>

#include "gen/key_space.h"

namespace contend {
namespace {

// The checks every decoded program must pass, whatever the input.
void expect_valid(const DecodedInput& d, std::size_t input_size) {
  const Program& p = d.program;
  ASSERT_GE(p.spec.threads, 1u);
  ASSERT_LE(p.spec.threads, kDecodedMaxThreads);
  ASSERT_GE(p.spec.ops_per_thread, 1u);
  ASSERT_LE(p.spec.ops_per_thread, kDecodedMaxOps);
  ASSERT_EQ(p.ops.size(), p.spec.threads);
  EXPECT_TRUE(validate(p.spec).ok());
  EXPECT_EQ(d.header_bytes + d.schedule.size(), input_size);
  for (uint32_t t = 0; t < p.spec.threads; ++t) {
    ASSERT_EQ(p.ops[t].size(), p.spec.ops_per_thread);
    ASSERT_EQ(p.labels[t].size(), p.spec.ops_per_thread);
    for (const Op& op : p.ops[t]) {
      if (op.kind == OpKind::kAdd) {
        EXPECT_TRUE(is_counter_key(op.key));  // map-mix invariant: counters are add-only
      } else if (is_private_key(op.key)) {
        EXPECT_EQ(private_owner(op.key), t);   // private keys only by their owner
      } else if (op.kind != OpKind::kIterate && op.kind != OpKind::kSize) {
        EXPECT_LT(op.key, kDecodedKeySpace);
      }
    }
  }
}

// requirement: no input is rejected, including the empty one (decodes to 1 thread x 1 op).
TEST(ProgramDecode, EmptyInputIsSmallestScenario) {
  const auto d = decode_program({});
  expect_valid(d, 0);
  EXPECT_EQ(d.program.spec.threads, 1u);
  EXPECT_EQ(d.program.spec.ops_per_thread, 1u);
  EXPECT_TRUE(d.schedule.empty());
}

// requirement: random inputs of every length up to 300 bytes decode validly and deterministically.
TEST(ProgramDecode, RandomInputsDecodeDeterministically) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 5000; ++i) {
    std::vector<uint8_t> in(rng() % 300);
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    const auto a = decode_program(in), b = decode_program(in);
    expect_valid(a, in.size());
    EXPECT_EQ(a.program.labels, b.program.labels);
    EXPECT_EQ(a.schedule, b.schedule);
  }
}

// error_guessing: a huge input is still at most 4 x 16 ops; the rest is schedule.
TEST(ProgramDecode, HugeInputIsBoundedScenario) {
  std::vector<uint8_t> in(1 << 20, 0xff);
  const auto d = decode_program(in);
  expect_valid(d, in.size());
  EXPECT_EQ(d.program.spec.threads, 4u);
  EXPECT_EQ(d.program.spec.ops_per_thread, 16u);
  EXPECT_EQ(d.schedule.size(), in.size() - 1 - 64);
}

// requirement: short inputs mean small scenarios (the header's request is capped by the bytes).
TEST(ProgramDecode, ShortInputsClampTheHeader) {
  const std::vector<uint8_t> in = {0xff, 0x00, 0x00};  // asks for 4 x 16, has 2 op bytes
  const auto d = decode_program(in);
  expect_valid(d, in.size());
  EXPECT_EQ(d.program.total_ops(), 2u);
  EXPECT_TRUE(d.schedule.empty());
}

// requirement: limits keep decoded ops inside a target's contract.
TEST(ProgramDecode, LimitsSubstituteForbiddenOps) {
  std::vector<uint8_t> in = {0x03 | (3 << 2), 1, 4, 1, 4, 1, 4, 1, 4, 1, 4, 1, 4, 1, 4, 1, 4};
  const auto d = decode_program(in, DecodeLimits{.max_threads = 2, .erase = false, .iterate = false});
  expect_valid(d, in.size());
  EXPECT_EQ(d.program.spec.threads, 2u);
  for (const auto& t : d.program.ops) {
    for (const Op& op : t) EXPECT_TRUE(op.kind == OpKind::kFind || op.kind == OpKind::kSize) << op_label(op);
  }
}

// requirement: encode_program inverts decode_program (minimize and seed generation rely on it).
TEST(ProgramDecode, EncodeRoundTrips) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> in(rng() % 80);
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    const auto d = decode_program(in);
    const auto again = decode_program(encode_program(d.program, d.schedule));
    EXPECT_EQ(again.program.labels, d.program.labels);
    EXPECT_EQ(again.schedule, d.schedule);
  }
}

}  // namespace
}  // namespace contend
