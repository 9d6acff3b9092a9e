// decode_program / encode_program: the fuzzer input layout documented in program_decode.h.
#include "gen/program_decode.h"

#include <algorithm>

#include "gen/key_space.h"
#include "gen/scenario_shape.h"
#include "util/check.h"

#include <set>

namespace contend {

namespace {

constexpr uint32_t kSharedSelectors = 24;  // selectors below this name shared keys
constexpr uint32_t kPrivateKeys = 2;
constexpr uint32_t kCounterKeys = 2;

constexpr OpKind kKindOfCode[8] = {OpKind::kInsert, OpKind::kErase,   OpKind::kFind, OpKind::kAdd,
                                   OpKind::kIterate, OpKind::kSize, OpKind::kInsert, OpKind::kFind};

Value insert_value(uint32_t thread, std::size_t index) { return static_cast<Value>(100 * (thread + 1) + index); }

// Shared selector -> key: without an init part keys 0..5; with one of n keys, selectors 0-2 name
// init keys 0-2 (present) and 3-5 the new keys n..n+2 (inserts that grow the structure).
Key shared_key(uint32_t s, uint64_t init_keys) {
  const uint64_t k = s % kDecodedKeySpace;
  if (init_keys == 0 || k < 3) return k;
  return init_keys + (k - 3);
}

Op decode_op(uint8_t b, uint32_t thread, std::size_t index, const DecodeLimits& limits, uint64_t init_keys) {
  const uint32_t s = b >> 3;
  Op op;
  op.kind = kKindOfCode[b & 7];
  if (op.kind == OpKind::kErase && !limits.erase) op.kind = OpKind::kFind;
  if (op.kind == OpKind::kIterate && !limits.iterate) op.kind = OpKind::kSize;
  switch (op.kind) {
    case OpKind::kInsert:
    case OpKind::kErase:
    case OpKind::kFind:
      op.key = s < kSharedSelectors ? shared_key(s, init_keys) : private_key(thread, (s - kSharedSelectors) % kPrivateKeys);
      if (op.kind == OpKind::kInsert) op.arg = insert_value(thread, index);
      break;
    case OpKind::kAdd:
      op.key = counter_key(s % kCounterKeys);
      op.arg = 1 + (s / 2) % 4;
      break;
    case OpKind::kIterate:
    case OpKind::kSize: break;
  }
  return op;
}

uint8_t encode_op(const Op& op, uint32_t thread, uint64_t init_keys) {
  uint32_t code = 0, s = 0;
  switch (op.kind) {
    case OpKind::kInsert:
    case OpKind::kErase:
    case OpKind::kFind:
      code = op.kind == OpKind::kInsert ? 0 : op.kind == OpKind::kErase ? 1 : 2;
      if (is_private_key(op.key)) {
        CONTEND_CHECK(private_owner(op.key) == thread && private_index(op.key) < kPrivateKeys) << op_label(op);
        s = kSharedSelectors + private_index(op.key);
      } else {
        if (init_keys == 0 || op.key < 3) {
          CONTEND_CHECK(op.key < kDecodedKeySpace) << op_label(op);
          s = static_cast<uint32_t>(op.key);
        } else {
          CONTEND_CHECK(op.key >= init_keys && op.key < init_keys + 3) << op_label(op);
          s = static_cast<uint32_t>(3 + op.key - init_keys);
        }
      }
      break;
    case OpKind::kAdd: {
      CONTEND_CHECK(is_counter_key(op.key) && (op.key & 0xffffffffu) < kCounterKeys && op.arg >= 1 && op.arg <= 4)
          << op_label(op);
      s = static_cast<uint32_t>(op.key & 1) + 2 * static_cast<uint32_t>(op.arg - 1);
      code = 3;
      break;
    }
    case OpKind::kIterate: code = 4; break;
    case OpKind::kSize: code = 5; break;
  }
  return static_cast<uint8_t>(code | (s << 3));
}

constexpr uint64_t kInitSizes[16] = {1, 2, 3, 5, 7, 8, 12, 13, 16, 24, 25, 31, 32, 48, 49, 64};

}  // namespace

InitSpec decode_init_spec(std::span<const uint8_t> bytes) {
  InitSpec s;
  if (bytes.empty()) return s;
  const uint8_t b = bytes[0];
  s.keys = kInitSizes[b & 15] << (2 * ((b >> 4) & 3));
  s.erase_thirds = (b & 0x80) != 0;
  if (b & 0x40) s.repeats = 1 + (bytes.size() > 1 ? bytes[1] : 0);
  return s;
}

std::size_t init_spec_size(std::span<const uint8_t> rest) {
  if (rest.empty()) return 0;
  return (rest[0] & 0x40) ? 2 : 1;
}

void apply_init_spec(Program& p, std::span<const uint8_t> init_spec, bool post_iterate) {
  p.init.clear();
  p.post.clear();
  const InitSpec s = decode_init_spec(init_spec);
  if (s.keys == 0) {
    p.spec.key_space = kDecodedKeySpace;
    return;
  }
  for (Key k = 0; k < s.keys; ++k) p.init.push_back({OpKind::kInsert, k, static_cast<Value>(10000 + k)});
  if (s.erase_thirds) {
    for (Key k = 2; k < s.keys; k += 3) p.init.push_back({OpKind::kErase, k, 0});
  }
  for (uint32_t i = 0; i < s.repeats; ++i) p.init.push_back({OpKind::kFind, 0, 0});
  std::set<Key> touched;
  for (const auto& t : p.ops) {
    for (const Op& op : t) {
      const bool keyed = op.kind == OpKind::kInsert || op.kind == OpKind::kErase || op.kind == OpKind::kFind;
      if (keyed && !is_private_key(op.key)) touched.insert(op.key);
    }
  }
  for (Key k : touched) p.post.push_back({OpKind::kFind, k, 0});
  if (post_iterate) p.post.push_back({OpKind::kIterate, 0, 0});
  p.post.push_back({OpKind::kSize, 0, 0});
  p.spec.key_space = s.keys + 3;
}

Program program_from_ops(std::vector<std::vector<Op>> ops) {
  CONTEND_CHECK(!ops.empty() && !ops[0].empty()) << "a program needs at least one op";
  Program p;
  MapMixSpec& spec = p.spec;
  spec.preset = "fuzz";
  spec.threads = static_cast<uint32_t>(ops.size());
  spec.ops_per_thread = ops[0].size();
  spec.key_space = kDecodedKeySpace;
  spec.private_keys = kPrivateKeys;
  spec.counter_keys = kCounterKeys;
  spec.private_fraction = 0.15;
  spec.seed = 0;
  spec.weights = {};
  for (uint32_t t = 0; t < ops.size(); ++t) {
    CONTEND_CHECK(ops[t].size() == spec.ops_per_thread) << "every thread runs the same number of ops";
    for (std::size_t i = 0; i < ops[t].size(); ++i) {
      Op& op = ops[t][i];
      if (op.kind == OpKind::kInsert) op.arg = insert_value(t, i);
      spec.weights[static_cast<int>(op.kind)] += 1;
    }
  }
  p.ops = std::move(ops);
  finish_program(p);
  return p;
}

DecodedInput decode_program(std::span<const uint8_t> in, const DecodeLimits& limits) {
  const ScenarioShape shape = decode_scenario_shape(in, std::clamp<uint32_t>(limits.max_threads, 1, kDecodedMaxThreads));
  const uint32_t threads = shape.threads;
  const std::size_t ops = shape.ops_per_thread;
  const std::size_t ops_end = 1 + threads * ops;
  DecodedInput d;
  if (!in.empty() && (in[0] & kInitFlag) && ops_end < in.size()) {
    const auto rest = in.subspan(ops_end);
    d.init_spec.assign(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(std::min(rest.size(), init_spec_size(rest))));
  }
  const uint64_t init_keys = decode_init_spec(d.init_spec).keys;

  std::vector<std::vector<Op>> prog(threads);
  std::size_t pos = 1;
  for (uint32_t t = 0; t < threads; ++t) {
    for (std::size_t i = 0; i < ops; ++i, ++pos) {
      prog[t].push_back(decode_op(pos < in.size() ? in[pos] : 0, t, i, limits, init_keys));
    }
  }
  d.program = program_from_ops(std::move(prog));
  apply_init_spec(d.program, d.init_spec, limits.post_iterate);
  pos += d.init_spec.size();
  d.header_bytes = std::min(pos, in.size());
  d.schedule.assign(in.begin() + static_cast<std::ptrdiff_t>(d.header_bytes), in.end());
  return d;
}

std::vector<uint8_t> encode_program(const Program& p, std::span<const uint8_t> schedule,
                                    std::span<const uint8_t> init_spec) {
  const uint32_t threads = p.spec.threads;
  const std::size_t ops = p.spec.ops_per_thread;
  CONTEND_CHECK(threads >= 1 && threads <= kDecodedMaxThreads && ops >= 1 && ops <= kDecodedMaxOps)
      << threads << "x" << ops << " does not fit the input layout";
  std::vector<uint8_t> out;
  out.push_back(static_cast<uint8_t>((threads - 1) | ((ops - 1) << 2) | (init_spec.empty() ? 0 : kInitFlag)));
  const uint64_t init_keys = decode_init_spec(init_spec).keys;
  for (uint32_t t = 0; t < threads; ++t) {
    for (const Op& op : p.ops[t]) out.push_back(encode_op(op, t, init_keys));
  }
  out.insert(out.end(), init_spec.begin(), init_spec.end());
  out.insert(out.end(), schedule.begin(), schedule.end());
  return out;
}

}  // namespace contend
