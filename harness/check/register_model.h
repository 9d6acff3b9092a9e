// RegisterModel: one register holding nil or an integer, with read / write / cas, as in Jepsen's
// etcd tests. A cas that failed executed and found a different value; nil is "not a".
#pragma once

#include <cstdint>
#include <string>

#include "check/model.h"

namespace contend::check {

struct RegisterModel {
  struct State {
    bool set = false;  // false: nil
    int64_t value = 0;
  };
  enum class Kind : uint8_t { kRead, kWrite, kCas };
  struct Input {
    Kind kind = Kind::kRead;
    int64_t a = 0;  // write: value; cas: expected
    int64_t b = 0;  // cas: new value
  };
  struct Output {
    bool ok = true;    // cas: succeeded; read: unused
    bool nil = true;   // read: read nil
    int64_t value = 0; // read: value read
  };

  static State init() { return {}; }

  static bool step(const State& s, const Input& in, const Output* out, State& next) {
    next = s;
    switch (in.kind) {
      case Kind::kRead:
        if (out == nullptr) return true;
        return out->nil ? !s.set : s.set && s.value == out->value;
      case Kind::kWrite:
        next = {true, in.a};
        return true;
      case Kind::kCas: {
        const bool match = s.set && s.value == in.a;
        if (match) next = {true, in.b};
        return out == nullptr || out->ok == match;
      }
    }
    return false;
  }

  static bool equal(const State& a, const State& b) { return a.set == b.set && a.value == b.value; }
  static uint64_t hash(const State& s) {
    return s.set ? mix64(static_cast<uint64_t>(s.value)) : 0x27d4eb2dULL;
  }
  static uint64_t partition(const Input&) { return 0; }
  static bool read_only(const Input& in) { return in.kind == Kind::kRead; }

  static std::string describe_op(const Input& in, const Output* out) {
    std::string s;
    switch (in.kind) {
      case Kind::kRead:
        s = "read()";
        if (out) s += out->nil ? " -> nil" : " -> " + std::to_string(out->value);
        break;
      case Kind::kWrite:
        s = "write(" + std::to_string(in.a) + ")";
        if (out) s += " -> ok";
        break;
      case Kind::kCas:
        s = "cas(" + std::to_string(in.a) + ", " + std::to_string(in.b) + ")";
        if (out) s += out->ok ? " -> ok" : " -> fail";
        break;
    }
    if (!out) s += " -> ? (indeterminate)";
    return s;
  }
  static std::string describe_state(const State& s) {
    return s.set ? "value " + std::to_string(s.value) : "nil";
  }
  static std::string describe_partition(const Input&) { return "the register"; }
};

}  // namespace contend::check
