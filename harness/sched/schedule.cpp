// Schedule encoding: varints + base64url. See schedule.h for the layout.
#include "sched/schedule.h"

#include <array>

namespace contend::sched {
namespace {

void put_varint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

// Reads one varint at `pos`; false on truncation or overflow.
bool get_varint(std::span<const uint8_t> in, size_t& pos, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= in.size()) return false;
    const uint8_t b = in[pos++];
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return shift < 63 || (b & 0x7f) <= 1;
  }
  return false;
}

constexpr std::string_view kB64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kTokenPrefix = "cs1-";

}  // namespace

std::vector<uint8_t> encode_binary(const Schedule& s) {
  std::vector<uint8_t> out = {'C', 'S'};
  put_varint(out, kScheduleVersion);
  put_varint(out, s.sync_points_only ? 1 : 0);
  put_varint(out, s.nthreads);
  put_varint(out, s.seed);
  put_varint(out, s.decisions.size());
  for (const Decision& d : s.decisions) {
    CONTEND_CHECK(d.thread < kMaxThreads && d.budget < (uint64_t{1} << 57)) << d.thread;
    put_varint(out, (d.budget << 6) | d.thread);
  }
  return out;
}

Result<Schedule> decode_binary(std::span<const uint8_t> in) {
  if (in.size() < 2 || in[0] != 'C' || in[1] != 'S') {
    return input_error("not a contend schedule (bad magic)");
  }
  size_t pos = 2;
  uint64_t version = 0, flags = 0, nthreads = 0, count = 0;
  Schedule s;
  if (!get_varint(in, pos, version)) return input_error("schedule truncated in header");
  if (version != kScheduleVersion) {
    return input_error("schedule version " + std::to_string(version) + " is not supported",
                       "this contend reads version " + std::to_string(kScheduleVersion));
  }
  if (!get_varint(in, pos, flags) || !get_varint(in, pos, nthreads) ||
      !get_varint(in, pos, s.seed) || !get_varint(in, pos, count)) {
    return input_error("schedule truncated in header");
  }
  if (flags > 1 || nthreads == 0 || nthreads > kMaxThreads || count > in.size()) {
    return input_error("schedule header is corrupt");
  }
  s.sync_points_only = flags & 1;
  s.nthreads = static_cast<uint32_t>(nthreads);
  s.decisions.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t v = 0;
    if (!get_varint(in, pos, v)) return input_error("schedule truncated in decisions");
    const Decision d{static_cast<uint32_t>(v & 63), v >> 6};
    if (d.thread >= s.nthreads) return input_error("schedule decision names a missing thread");
    s.decisions.push_back(d);
  }
  if (pos != in.size()) return input_error("trailing bytes after schedule");
  return s;
}

std::string encode_token(const Schedule& s) {
  const std::vector<uint8_t> bin = encode_binary(s);
  std::string out(kTokenPrefix);
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t b : bin) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kB64[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kB64[(acc << (6 - bits)) & 63]);
  return out;
}

Result<Schedule> decode_token(std::string_view token) {
  if (!token.starts_with(kTokenPrefix)) {
    return input_error("replay token must start with 'cs1-'", "copy the whole token");
  }
  token.remove_prefix(kTokenPrefix.size());
  std::array<int, 256> rev;
  rev.fill(-1);
  for (size_t i = 0; i < kB64.size(); ++i) rev[static_cast<uint8_t>(kB64[i])] = static_cast<int>(i);
  std::vector<uint8_t> bin;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : token) {
    const int v = rev[static_cast<uint8_t>(c)];
    if (v < 0) return input_error(std::string("bad character '") + c + "' in replay token");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bin.push_back(static_cast<uint8_t>(acc >> bits));
    }
  }
  return decode_binary(bin);
}

}  // namespace contend::sched
