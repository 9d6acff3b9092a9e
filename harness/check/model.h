// Model: a sequential specification as a handful of pure functions (Porcupine's shape), and
// Operation, one entry of the histories the linearizability checker consumes.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <string>

namespace contend::check {

inline constexpr uint64_t kPending = std::numeric_limits<uint64_t>::max();

// One operation of a history. Operation A precedes B in real time iff A.ret < B.call; equal
// stamps are concurrent; ret >= call is required (parsers enforce it). ret == kPending means the
// response never came (crash, timeout, Jepsen :info): the output is unknown and the effect may
// happen at any point after `call`, or never.
template <class Input, class Output>
struct Operation {
  uint32_t client = 0;
  Input input{};
  Output output{};
  uint64_t call = 0;
  uint64_t ret = kPending;

  bool pending() const { return ret == kPending; }
};

// A model M provides, all static and pure (no hidden state, deterministic):
//   State init();
//   bool step(const State& s, const Input& in, const Output* out, State& next);
//       out == nullptr: outcome unknown, so every result is acceptable. Returns whether the
//       operation may take effect in `s` with that output, and if so writes the new state.
//   bool equal(const State&, const State&);  uint64_t hash(const State&);
//   uint64_t partition(const Input&);        // ops with different values never interact
//   bool read_only(const Input&);            // no effect on the state in any outcome
//   std::string describe_op(const Input&, const Output* out);
//   std::string describe_state(const State&);
//   std::string describe_partition(const Input&);  // e.g. "key 7"
template <class M>
concept Model = requires(const typename M::State& s, typename M::State& next,
                         const typename M::Input& in, const typename M::Output* out) {
  { M::init() } -> std::same_as<typename M::State>;
  { M::step(s, in, out, next) } -> std::same_as<bool>;
  { M::equal(s, s) } -> std::same_as<bool>;
  { M::hash(s) } -> std::same_as<uint64_t>;
  { M::partition(in) } -> std::same_as<uint64_t>;
  { M::read_only(in) } -> std::same_as<bool>;
  { M::describe_op(in, out) } -> std::same_as<std::string>;
  { M::describe_state(s) } -> std::same_as<std::string>;
  { M::describe_partition(in) } -> std::same_as<std::string>;
};

template <Model M>
using ModelOp = Operation<typename M::Input, typename M::Output>;

// 64-bit mixer for model hashes (the memo cache needs well-spread low bits).
constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace contend::check
