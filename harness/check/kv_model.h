// KvModel: Porcupine's key/value store, per key: the state is a string, initially "".
// get() -> r is legal iff r equals the state; put(v) sets it; append(v) concatenates.
// The state carries a polynomial hash updated incrementally (h(s+v) = h(s)*B^|v| + h(v) mod 2^64)
// so the memo cache never rehashes long strings; equality still compares the strings exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "check/model.h"

namespace contend::check {

struct KvModel {
  static constexpr uint64_t kBase = 0x100000001b3ULL;

  struct State {
    std::string value;
    uint64_t hash = 0;
  };
  enum class Kind : uint8_t { kGet, kPut, kAppend };
  struct Input {
    Kind kind = Kind::kGet;
    std::string key;
    std::string value;      // put/append argument
    uint64_t key_id = 0;    // distinct per distinct key (the parser interns keys): the partition
    uint64_t value_hash = 0;
    uint64_t value_pow = 1;  // kBase^|value|
  };
  struct Output {
    std::string value;  // get: the string read
  };

  static uint64_t poly_hash(std::string_view s, uint64_t* pow = nullptr) {
    uint64_t h = 0, p = 1;
    for (unsigned char c : s) {
      h = h * kBase + c + 1;
      p *= kBase;
    }
    if (pow) *pow = p;
    return h;
  }
  static Input make_input(Kind kind, std::string key, uint64_t key_id, std::string value) {
    Input in{kind, std::move(key), std::move(value)};
    in.key_id = key_id;
    in.value_hash = poly_hash(in.value, &in.value_pow);
    return in;
  }

  static State init() { return {}; }

  static bool step(const State& s, const Input& in, const Output* out, State& next) {
    switch (in.kind) {
      case Kind::kGet:
        next = s;
        return out == nullptr || out->value == s.value;
      case Kind::kPut:
        next.value = in.value;
        next.hash = in.value_hash;
        return true;
      case Kind::kAppend:
        next.value.reserve(s.value.size() + in.value.size());
        next.value.assign(s.value).append(in.value);
        next.hash = s.hash * in.value_pow + in.value_hash;
        return true;
    }
    return false;
  }

  static bool equal(const State& a, const State& b) { return a.hash == b.hash && a.value == b.value; }
  static uint64_t hash(const State& s) { return s.hash; }
  static uint64_t partition(const Input& in) { return in.key_id; }
  static bool read_only(const Input& in) { return in.kind == Kind::kGet; }

  static std::string describe_op(const Input& in, const Output* out) {
    std::string s;
    switch (in.kind) {
      case Kind::kGet:
        s = "get(\"" + in.key + "\")";
        if (out) s += " -> \"" + out->value + "\"";
        break;
      case Kind::kPut:
        s = "put(\"" + in.key + "\", \"" + in.value + "\")";
        break;
      case Kind::kAppend:
        s = "append(\"" + in.key + "\", \"" + in.value + "\")";
        break;
    }
    if (!out) s += " -> ? (no response)";
    return s;
  }
  static std::string describe_state(const State& s) { return "\"" + s.value + "\""; }
  static std::string describe_partition(const Input& in) { return "key \"" + in.key + "\""; }
};

}  // namespace contend::check
