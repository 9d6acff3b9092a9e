// decode_scenario_shape: the header byte shared by every fuzzer input layout (map:
// program_decode.h, pool: pool_program_decode.h). in[0] bits 0-1 are threads - 1 (1..4, capped by
// max_threads), bits 2-5 ops per thread - 1 (1..16), both capped so that threads x ops op bytes
// fit in the input after the header (a 3-byte input is 1x2 or 2x1); bits 6-7 are ignored. Missing
// bytes read as 0, so the empty input is 1 thread x 1 op.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace contend {

struct ScenarioShape {
  uint32_t threads = 1;
  std::size_t ops_per_thread = 1;
};

inline ScenarioShape decode_scenario_shape(std::span<const uint8_t> in, uint32_t max_threads) {
  const uint8_t header = in.empty() ? 0 : in[0];
  const std::size_t body = in.empty() ? 0 : in.size() - 1;
  ScenarioShape s;
  s.threads = std::min<uint32_t>(1 + (header & 3), std::max<uint32_t>(1, max_threads));
  s.threads = static_cast<uint32_t>(std::min<std::size_t>(s.threads, std::max<std::size_t>(1, body)));
  s.ops_per_thread = std::min<std::size_t>(1 + ((header >> 2) & 15), std::max<std::size_t>(1, body / s.threads));
  return s;
}

}  // namespace contend
