// decode_program / encode_program: the fuzzer input layout documented in program_decode.h.
#include "gen/program_decode.h"

#include <algorithm>

#include "gen/key_space.h"
#include "gen/scenario_shape.h"
#include "util/check.h"

namespace contend {

namespace {

constexpr uint32_t kSharedSelectors = 24;  // selectors below this name shared keys
constexpr uint32_t kPrivateKeys = 2;
constexpr uint32_t kCounterKeys = 2;

constexpr OpKind kKindOfCode[8] = {OpKind::kInsert, OpKind::kErase,   OpKind::kFind, OpKind::kAdd,
                                   OpKind::kIterate, OpKind::kSize, OpKind::kInsert, OpKind::kFind};

Value insert_value(uint32_t thread, std::size_t index) { return static_cast<Value>(100 * (thread + 1) + index); }

Op decode_op(uint8_t b, uint32_t thread, std::size_t index, const DecodeLimits& limits) {
  const uint32_t s = b >> 3;
  Op op;
  op.kind = kKindOfCode[b & 7];
  if (op.kind == OpKind::kErase && !limits.erase) op.kind = OpKind::kFind;
  if (op.kind == OpKind::kIterate && !limits.iterate) op.kind = OpKind::kSize;
  switch (op.kind) {
    case OpKind::kInsert:
    case OpKind::kErase:
    case OpKind::kFind:
      op.key = s < kSharedSelectors ? s % kDecodedKeySpace : private_key(thread, (s - kSharedSelectors) % kPrivateKeys);
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

uint8_t encode_op(const Op& op, uint32_t thread) {
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
        CONTEND_CHECK(op.key < kDecodedKeySpace) << op_label(op);
        s = static_cast<uint32_t>(op.key);
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

}  // namespace

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
    p.labels.emplace_back();
    for (std::size_t i = 0; i < ops[t].size(); ++i) {
      Op& op = ops[t][i];
      if (op.kind == OpKind::kInsert) op.arg = insert_value(t, i);
      spec.weights[static_cast<int>(op.kind)] += 1;
      p.labels[t].push_back(op_label(op));
    }
  }
  p.ops = std::move(ops);
  return p;
}

DecodedInput decode_program(std::span<const uint8_t> in, const DecodeLimits& limits) {
  const ScenarioShape shape = decode_scenario_shape(in, std::clamp<uint32_t>(limits.max_threads, 1, kDecodedMaxThreads));
  const uint32_t threads = shape.threads;
  const std::size_t ops = shape.ops_per_thread;

  std::vector<std::vector<Op>> prog(threads);
  std::size_t pos = 1;
  for (uint32_t t = 0; t < threads; ++t) {
    for (std::size_t i = 0; i < ops; ++i, ++pos) {
      prog[t].push_back(decode_op(pos < in.size() ? in[pos] : 0, t, i, limits));
    }
  }
  DecodedInput d;
  d.program = program_from_ops(std::move(prog));
  d.header_bytes = std::min(pos, in.size());
  d.schedule.assign(in.begin() + static_cast<std::ptrdiff_t>(d.header_bytes), in.end());
  return d;
}

std::vector<uint8_t> encode_program(const Program& p, std::span<const uint8_t> schedule) {
  const uint32_t threads = p.spec.threads;
  const std::size_t ops = p.spec.ops_per_thread;
  CONTEND_CHECK(threads >= 1 && threads <= kDecodedMaxThreads && ops >= 1 && ops <= kDecodedMaxOps)
      << threads << "x" << ops << " does not fit the input layout";
  std::vector<uint8_t> out;
  out.push_back(static_cast<uint8_t>((threads - 1) | ((ops - 1) << 2)));
  for (uint32_t t = 0; t < threads; ++t) {
    for (const Op& op : p.ops[t]) out.push_back(encode_op(op, t));
  }
  out.insert(out.end(), schedule.begin(), schedule.end());
  return out;
}

}  // namespace contend
