// Scope: Schedule binary/token encoding (schedule.h): round trips, compactness, and rejection of
// corrupt or foreign input with a clear error.
#include "sched/schedule.h"

#include <gtest/gtest.h>

namespace contend::sched {
namespace {

Schedule sample() {
  Schedule s;
  s.nthreads = 3;
  s.sync_points_only = true;
  s.seed = 0xdeadbeefcafeULL;
  s.decisions = {{0, 17}, {2, 0}, {1, 300}, {0, 1}, {2, 123456789}};
  return s;
}

// requirement: a replay token decodes to exactly the recorded schedule
TEST(Schedule, TokenRoundTrip) {
  const Schedule s = sample();
  const std::string tok = encode_token(s);
  EXPECT_TRUE(tok.starts_with("cs1-"));
  auto back = decode_token(tok);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, s);
}

// requirement: binary form round-trips, and is compact (about 2 bytes per small decision)
TEST(Schedule, BinaryCompact) {
  Schedule s;
  s.nthreads = 2;
  for (int i = 0; i < 100; ++i) s.decisions.push_back({static_cast<uint32_t>(i % 2), 1u + i % 100});
  const auto bin = encode_binary(s);
  EXPECT_LE(bin.size(), 2u * 100 + 10);
  auto back = decode_binary(bin);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, s);
}

// error_guessing: corrupt, truncated or foreign inputs are rejected, never mis-decoded
TEST(Schedule, RejectsCorruptInput) {
  const auto bin = encode_binary(sample());
  EXPECT_FALSE(decode_binary(std::span(bin).first(bin.size() - 1)).ok());  // truncated
  auto extra = bin;
  extra.push_back(0);
  EXPECT_FALSE(decode_binary(extra).ok());  // trailing byte
  auto bad_magic = bin;
  bad_magic[0] = 'X';
  EXPECT_FALSE(decode_binary(bad_magic).ok());
  auto bad_version = bin;
  bad_version[2] = 9;
  auto r = decode_binary(bad_version);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("version"), std::string::npos);
  EXPECT_FALSE(decode_token("cs2-AAAA").ok());
  EXPECT_FALSE(decode_token("cs1-$$$$").ok());
  Schedule bad_thread = sample();
  bad_thread.decisions.push_back({5, 1});  // thread 5 of 3
  EXPECT_FALSE(decode_binary(encode_binary(bad_thread)).ok());
}

}  // namespace
}  // namespace contend::sched
