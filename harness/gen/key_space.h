// Key layout of the map-mix workload. Three disjoint regions, told apart by the top byte:
//   shared   [0, key_space)                       every thread inserts/erases/finds here
//   counter  kCounterTag | i,  i < counter_keys   only add() touches these: conserved totals
//   private  kPrivateTag | thread << 32 | i       only `thread` touches these: exact shadow
// Invariants rely on this: a private key's final value must equal its owner's shadow, and the
// sum over counter keys must equal the sum of all deltas added.
#pragma once

#include <cstdint>

#include "gen/op.h"

namespace contend {

inline constexpr Key kRegionMask = 0xffULL << 56;
inline constexpr Key kCounterTag = 1ULL << 56;
inline constexpr Key kPrivateTag = 2ULL << 56;

constexpr Key counter_key(uint32_t i) { return kCounterTag | i; }
constexpr Key private_key(uint32_t thread, uint32_t i) {
  return kPrivateTag | (static_cast<Key>(thread) << 32) | i;
}
constexpr bool is_counter_key(Key k) { return (k & kRegionMask) == kCounterTag; }
constexpr bool is_private_key(Key k) { return (k & kRegionMask) == kPrivateTag; }
constexpr uint32_t private_owner(Key k) { return static_cast<uint32_t>((k >> 32) & 0xffffffu); }
constexpr uint32_t private_index(Key k) { return static_cast<uint32_t>(k); }

}  // namespace contend
