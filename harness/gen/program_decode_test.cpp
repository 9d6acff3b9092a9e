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
        EXPECT_LT(op.key, p.spec.key_space);  // with an init part: its keys 0-2 or the 3 after it
        if (d.init_spec.empty()) {
          EXPECT_LT(op.key, kDecodedKeySpace);
        }
      }
    }
  }
  // The init part inserts keys inside the key space; the post part ends with size().
  for (const Op& op : p.init) EXPECT_LT(op.key, p.spec.key_space);
  EXPECT_EQ(p.init.empty(), d.init_spec.empty());
  if (!p.post.empty()) {
    EXPECT_EQ(p.post.back().kind, OpKind::kSize);
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

// error_guessing: a huge input is still at most 4 x 16 ops and a 4096-key init part (header bit
// 6 set: init spec 0xff = 64 x 64 keys, 256 finds, erase thirds); the rest is schedule.
TEST(ProgramDecode, HugeInputIsBoundedScenario) {
  std::vector<uint8_t> in(1 << 20, 0xff);
  const auto d = decode_program(in);
  expect_valid(d, in.size());
  EXPECT_EQ(d.program.spec.threads, 4u);
  EXPECT_EQ(d.program.spec.ops_per_thread, 16u);
  EXPECT_EQ(d.init_spec.size(), 2u);
  EXPECT_EQ(d.program.init.size(), 4096u + 1365u + 256u);
  EXPECT_EQ(d.schedule.size(), in.size() - 1 - 64 - 2);
}

// requirement: header bit 6 adds an init part from the spec byte(s) after the ops, remaps shared
// selectors 3-5 to the keys just past it, adds a post part, and encode_program inverts it.
TEST(ProgramDecode, InitSpecBuildsInitAndPostParts) {
  // 1 thread x 2 ops (header 0x04 | bit 6): insert(sel 4 -> key n+1), find(sel 1 -> key 1);
  // init spec 0x47: size index 7 (13 keys), x1, then repeats: 1 + 5 finds of key 0.
  const std::vector<uint8_t> in = {0x44, 4 << 3, (1 << 3) | 2, 0x47, 5};
  const auto d = decode_program(in);
  expect_valid(d, in.size());
  ASSERT_EQ(d.init_spec, (std::vector<uint8_t>{0x47, 5}));
  EXPECT_EQ(d.program.init.size(), 13u + 6u);
  EXPECT_EQ(d.program.ops[0][0].key, 14u);
  EXPECT_EQ(d.program.ops[0][1].key, 1u);
  ASSERT_EQ(d.program.post.size(), 4u);  // find(1), find(14), iterate, size
  EXPECT_EQ(d.program.post[2].kind, OpKind::kIterate);
  EXPECT_EQ(encode_program(d.program, d.schedule, d.init_spec), in);
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
    const auto again = decode_program(encode_program(d.program, d.schedule, d.init_spec));
    EXPECT_EQ(again.program.labels, d.program.labels);
    EXPECT_EQ(again.schedule, d.schedule);
  }
}

}  // namespace
}  // namespace contend
