// MapModel: contend's sequential map, per key. The targets implement exactly this contract:
//   insert(k, v) -> inserted   inserts only if absent, never overwrites
//   erase(k)     -> erased
//   find(k)      -> optional<Value>
//   add(k, d)    -> new value  absent counts as 0, so add inserts k with value d
// size() and iterate are whole-map operations and are not checked here (see iteration.h).
#pragma once

#include <string>

#include "check/model.h"
#include "gen/op.h"

namespace contend::check {

struct MapModel {
  struct State {
    bool present = false;
    Value value = 0;
  };
  struct Input {
    OpKind kind = OpKind::kFind;  // kInsert, kErase, kFind or kAdd
    Key key = 0;
    Value arg = 0;  // inserted value or delta
  };
  struct Output {
    bool ok = false;  // inserted / erased / found; ignored for add
    Value value = 0;  // found value (find) or new value (add)
  };

  static State init() { return {}; }

  static bool step(const State& s, const Input& in, const Output* out, State& next) {
    next = s;
    switch (in.kind) {
      case OpKind::kInsert:
        if (!s.present) next = {true, in.arg};
        return out == nullptr || out->ok == !s.present;
      case OpKind::kErase:
        next.present = false;
        next.value = 0;
        return out == nullptr || out->ok == s.present;
      case OpKind::kFind:
        if (out == nullptr) return true;
        return out->ok ? s.present && s.value == out->value : !s.present;
      case OpKind::kAdd: {
        // wrapping addition: a target's overflow is not the checker's undefined behaviour
        const Value v = static_cast<Value>(static_cast<uint64_t>(s.present ? s.value : 0) +
                                           static_cast<uint64_t>(in.arg));
        next = {true, v};
        return out == nullptr || out->value == v;
      }
      default:
        return true;  // size/iterate never reach a per-key partition
    }
  }

  static bool equal(const State& a, const State& b) {
    return a.present == b.present && a.value == b.value;
  }
  static uint64_t hash(const State& s) {
    return s.present ? mix64(static_cast<uint64_t>(s.value)) : 0x5bd1e995ULL;
  }
  static uint64_t partition(const Input& in) { return in.key; }
  static bool read_only(const Input& in) { return in.kind == OpKind::kFind; }

  static std::string describe_op(const Input& in, const Output* out) {
    std::string k = std::to_string(in.key);
    std::string s;
    switch (in.kind) {
      case OpKind::kInsert:
        s = "insert(" + k + ", " + std::to_string(in.arg) + ")";
        if (out) s += out->ok ? " -> inserted" : " -> not inserted (present)";
        break;
      case OpKind::kErase:
        s = "erase(" + k + ")";
        if (out) s += out->ok ? " -> erased" : " -> not erased (absent)";
        break;
      case OpKind::kFind:
        s = "find(" + k + ")";
        if (out) s += out->ok ? " -> " + std::to_string(out->value) : " -> absent";
        break;
      case OpKind::kAdd:
        s = "add(" + k + ", " + std::to_string(in.arg) + ")";
        if (out) s += " -> " + std::to_string(out->value);
        break;
      default:
        s = std::string(op_name(in.kind)) + "()";
    }
    if (!out) s += " -> ? (no response)";
    return s;
  }
  static std::string describe_state(const State& s) {
    return s.present ? "present with value " + std::to_string(s.value) : "absent";
  }
  static std::string describe_partition(const Input& in) { return "key " + std::to_string(in.key); }
};

}  // namespace contend::check
